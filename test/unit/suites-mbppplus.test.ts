import { SHARED_DATASETS } from '../helpers/datasets';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { loadSuite } from '../../eval/suites';
import { canonicalProgram, type Task } from '../../config/task';
import { EVALPLUS_MEMORY_MB } from '../../eval/suites/evalplus-limits';
import { scoreProgram } from '../helpers/score';

/**
 * The real MBPP+ v0.2.0 file. The first load on a machine computes the expected outputs (about
 * 3 min on 2 cores) into the user cache; later loads take a few seconds.
 */
const DATA = path.join(SHARED_DATASETS, 'evalplus/MbppPlus-v0.2.0.jsonl.gz');
const sandbox = createSandbox({ concurrency: 2 });
let tasks: Task[];
let strict: Task[];
const byId = (id: string, from = tasks) => from.find((t) => t.task_id === id)!;

beforeAll(async () => {
  tasks = (await loadSuite({ name: 'mbppplus', data: DATA })).tasks;
  strict = (await loadSuite({ name: 'mbppplus', data: DATA }, { options: { original_check: true } })).tasks;
}, 900_000);
afterAll(() => sandbox.close());

describe('mbppplus (real data)', () => {
  it('loads 378 instruct tasks in file order with EvalPlus limits', () => {
    expect(tasks).toHaveLength(378);
    expect(tasks[0]!.task_id).toBe('Mbpp/2');
    expect(tasks.at(-1)!.task_id).toBe('Mbpp/809');
    for (const t of tasks) {
      expect(t.format).toBe('instruct');
      expect(t.memory_mb).toBe(EVALPLUS_MEMORY_MB);
      expect(t.cpu_timeout_s).toBeGreaterThanOrEqual(4);
    }
  });

  it('passes every canonical solution (Mbpp/56 has an entry point named check; Mbpp/88 returns a Counter; Mbpp/255 a 1.6-million-tuple list)', async () => {
    const scores = await Promise.all(tasks.map((t) => scoreProgram(sandbox, 'mbppplus', t, canonicalProgram(t)).then((s) => ({ id: t.task_id, ...s }))));
    expect(scores.filter((s) => s.status !== 'passed').map((s) => `${s.id}: ${s.reason} ${s.explanation?.slice(-300)}`)).toEqual([]);
  }, 900_000);

  it('compares Mbpp/2 outputs as sets, as EvalPlus does; the original asserts (option original_check) want the canonical order', async () => {
    const reordered = 'def similar_elements(a, b):\n    return tuple(sorted(set(a) & set(b), reverse=True))\n';
    const wrong = 'def similar_elements(a, b):\n    return tuple(set(a) | set(b))\n';
    const [ok, bad, strictOk] = await Promise.all([
      scoreProgram(sandbox, 'mbppplus', byId('Mbpp/2'), reordered),
      scoreProgram(sandbox, 'mbppplus', byId('Mbpp/2'), wrong),
      scoreProgram(sandbox, 'mbppplus', byId('Mbpp/2', strict), reordered),
    ]);
    expect(ok.status).toBe('passed');
    expect(bad.status).toBe('failed');
    expect(bad.explanation).toMatch(/base_input\[0\] similar_elements/);
    expect(strictOk.status).toBe('failed');
  });

  it("uses Mbpp/581's own oracle: the pyramid's surface area, within atol", async () => {
    const t = byId('Mbpp/581');
    const pyramid = 'import math\ndef surface_Area(b, h):\n    return round(b * b + 2 * b * math.sqrt((b / 2) ** 2 + h * h))\n';
    const s = await scoreProgram(sandbox, 'mbppplus', t, pyramid);
    expect(s.status).toBe('passed');
  });
});
