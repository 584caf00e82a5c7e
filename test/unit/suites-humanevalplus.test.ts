import { SHARED_DATASETS } from '../helpers/datasets';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestProgram, createSandbox, type SandboxResult } from '../../sandbox';
import { loadSuite } from '../../eval/suites';
import { canonicalProgram, candidateProgram, type Task } from '../../config/task';

/**
 * The real HumanEval+ v0.1.10 file. The first load on a machine computes the expected outputs
 * (about 1-2 min on 2 cores) into the user cache; later loads take under a second.
 */
const DATA = path.join(SHARED_DATASETS, 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz');
const sandbox = createSandbox({ concurrency: 2 });
let tasks: Task[];
const byId = (id: string) => tasks.find((t) => t.task_id === id)!;

beforeAll(async () => {
  tasks = (await loadSuite({ name: 'humanevalplus', data: DATA })).tasks;
}, 600_000);
afterAll(() => sandbox.close());

const run = (t: Task, body: string): Promise<SandboxResult> =>
  sandbox.run({ program: buildTestProgram(t, candidateProgram(t, body)), timeoutMs: 60_000 });

describe('humanevalplus loader (real data)', () => {
  it('loads 164 tasks in file order with self-contained test code of bounded size', () => {
    expect(tasks.map((t) => t.task_id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
    for (const t of tasks) {
      expect(t.format).toBe('completion');
      expect(t.test_code).toContain('_gauntlet_check_inputs(\'plus_input\'');
      expect(t.test_code.length).toBeLessThan(512 * 1024);
    }
  });

  it('passes a canonical solution and fails a wrong one on the plus inputs only (HumanEval/83, digest-compared outputs)', async () => {
    const t = byId('HumanEval/83');
    // right for small n (so the original check() passes), wrong for the huge plus inputs
    const wrong = '    if n == 1: return 1\n    return 0 if n > 1000 else 18 * 10 ** (n - 2)\n';
    const [canon, bad] = await Promise.all([
      sandbox.run({ program: buildTestProgram(t, canonicalProgram(t)), timeoutMs: 60_000 }),
      run(t, wrong),
    ]);
    expect(canon.status).toBe('passed');
    expect(bad.status).toBe('failed');
    expect(bad.exceptionType).toBe('AssertionError');
    expect(bad.message).toMatch(/^plus_input\[\d+\] starts_one_ends\(\*\[\d+\]\): expected <a large value, sha256 [0-9a-f]{12}>, got 0$/);
  });

  it('compares floats with tolerance like EvalPlus (HumanEval/2, atol 1e-6)', async () => {
    const t = byId('HumanEval/2');
    // the original check() asserts candidate(3.5) == 0.5 exactly, so both keep that one value
    const off = (d: string) => `    r = number % 1.0\n    return r if number == 3.5 else r + ${d}\n`;
    const [close, far] = await Promise.all([run(t, off('1e-8')), run(t, off('1e-3'))]);
    expect(close.status).toBe('passed');
    expect(far.status).toBe('failed');
  });

  it('checks find_zero by the root property, not by equality with the canonical root (HumanEval/32)', async () => {
    const t = byId('HumanEval/32');
    // Newton iterated to a tighter tolerance than the canonical one: a different float (exact
    // equality would fail), still a root within atol 1e-4
    const tighter = [
      '    dxs = [xs[i] * i for i in range(1, len(xs))]',
      '    x = 0.0',
      '    for _ in range(1000):',
      '        fx = poly(xs, x)',
      '        if abs(fx) < 1e-9: break',
      '        x = x - fx / poly(dxs, x)',
      '    return x',
      '',
    ].join('\n');
    const [ok, bad] = await Promise.all([run(t, tighter), run(t, '    return 0.0\n')]);
    expect(ok.status).toBe('passed');
    expect(bad.status).toBe('failed');
  });

  it('catches a solution that the original HumanEval tests miss (HumanEval/0 off-by-threshold)', async () => {
    const t = byId('HumanEval/0');
    // `<=` instead of `<`: HumanEval's check() has no pair at exactly the threshold, EvalPlus does
    const le = [
      '    for i, a in enumerate(numbers):',
      '        for j, b in enumerate(numbers):',
      '            if i != j and abs(a - b) <= threshold:',
      '                return True',
      '    return False',
      '',
    ].join('\n');
    const original = await sandbox.run({ program: buildTestProgram({ ...t, test_code: t.test_code.split('\n# --- EvalPlus oracle')[0]! }, candidateProgram(t, le)), timeoutMs: 60_000 });
    const plus = await run(t, le);
    expect(original.status).toBe('passed');
    expect(plus.status).toBe('failed');
    expect(plus.message).toMatch(/^(base|plus)_input\[\d+\] has_close_elements/);
  });
});
