import { SHARED_DATASETS } from '../helpers/datasets';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildTestProgram, createSandbox } from '../../sandbox';
import { describeSuites, loadSuite, locateSuiteFile, SUITES, SuiteDataError } from '../../eval/suites';
import { formatSuites } from '../../cli/commands/suites';
import { canonicalProgram } from '../../config/task';

const DATASETS = SHARED_DATASETS;
const HUMANEVAL = path.join(DATASETS, 'humaneval/HumanEval.jsonl.gz');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-suites-'));
const sandbox = createSandbox({ concurrency: 2 });
const savedEnv = process.env.GAUNTLET_DATA_DIR;

afterEach(() => {
  if (savedEnv === undefined) delete process.env.GAUNTLET_DATA_DIR;
  else process.env.GAUNTLET_DATA_DIR = savedEnv;
});
afterAll(async () => {
  await sandbox.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('humaneval loader', () => {
  it('loads the 164 tasks in file order, as completion tasks whose canonical solutions pass', async () => {
    const { file, tasks } = await loadSuite({ name: 'humaneval', data: HUMANEVAL });
    expect(file).toBe(HUMANEVAL);
    expect(tasks.map((t) => t.task_id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
    expect(tasks.every((t) => t.format === 'completion' && /def check\(/.test(t.test_code))).toBe(true);
    const picked = [tasks[0]!, tasks[32]!, tasks[163]!];
    const results = await Promise.all(picked.map((t) => sandbox.run({ program: buildTestProgram(t, canonicalProgram(t)), timeoutMs: 20_000 })));
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
    // and the tests bite: an empty body fails
    const broken = await sandbox.run({ program: buildTestProgram(tasks[0]!, tasks[0]!.prompt + '    return None\n'), timeoutMs: 20_000 });
    expect(broken.status).toBe('failed');
  });

  it('gives the same tasks on every load', async () => {
    const a = await loadSuite({ name: 'humaneval', data: HUMANEVAL });
    const b = await loadSuite({ name: 'humaneval', data: HUMANEVAL });
    expect(b.tasks).toEqual(a.tasks);
  });
});

describe('custom loader', () => {
  const task = (id: string, extra: object = {}) => ({ task_id: id, prompt: 'p', entry_point: 'f', canonical_solution: 'def f():\n    return 1\n', test_code: 'assert f() == 1\n', ...extra });

  it('reads {"tasks": [...]} and a bare array, in order, defaulting to instruct format', async () => {
    const wrapped = path.join(tmp, 'wrapped.json');
    const bare = path.join(tmp, 'bare.json');
    writeFileSync(wrapped, JSON.stringify({ tasks: [task('B'), task('A', { format: 'completion', category: 'X' })] }));
    writeFileSync(bare, JSON.stringify([task('B'), task('A', { format: 'completion', category: 'X' })]));
    for (const f of [wrapped, bare]) {
      const { tasks } = await loadSuite({ name: 'custom', data: f });
      expect(tasks.map((t) => [t.task_id, t.format])).toEqual([['B', 'instruct'], ['A', 'completion']]);
      expect(tasks[1]!.category).toBe('X');
    }
  });

  it('names the file, the record index, the task id and the field of a bad record', async () => {
    const f = path.join(tmp, 'bad.json');
    writeFileSync(f, JSON.stringify({ tasks: [task('A'), task('B', { entry_point: 'not an identifier' })] }));
    await expect(loadSuite({ name: 'custom', data: f })).rejects.toThrow(new SuiteDataError(`${f}, tasks[1] (task_id "B"): entry_point: entry_point must be a Python identifier`));
  });

  it('names both places of a duplicated task id', async () => {
    const f = path.join(tmp, 'dup.json');
    writeFileSync(f, JSON.stringify([task('A'), task('B'), task('A')]));
    await expect(loadSuite({ name: 'custom', data: f })).rejects.toThrow(`${f}, [2]: task_id "A" was already used at [0]`);
  });
});

describe('locating data and describing suites', () => {
  it('finds datasets under $GAUNTLET_DATA_DIR and says so', async () => {
    process.env.GAUNTLET_DATA_DIR = DATASETS;
    expect(locateSuiteFile({ name: 'humaneval' })).toEqual({ origin: 'GAUNTLET_DATA_DIR', file: HUMANEVAL });
    const [he] = await describeSuites({ names: ['humaneval'] });
    expect(he).toMatchObject({ name: 'humaneval', tasks: 164, source: { origin: 'GAUNTLET_DATA_DIR', file: HUMANEVAL } });
    const text = formatSuites([he!]);
    expect(text).toContain(`humaneval      164 tasks`);
    expect(text).toContain(`data: ${HUMANEVAL} ($GAUNTLET_DATA_DIR)`);
    expect(text).toContain(`$GAUNTLET_DATA_DIR (now ${DATASETS})`);
    expect(text).toContain(SUITES.humanevalplus.files.join(', '));
  });

  it('reports a --data file that does not load as a problem, without throwing', async () => {
    const f = path.join(tmp, 'notjson.json');
    writeFileSync(f, 'not json');
    const [d] = await describeSuites({ names: ['custom'], data: f });
    expect(d!.source).toEqual({ origin: 'data', file: f });
    expect(d!.problem).toContain(`${f}: not valid JSON`);
    expect(d!.tasks).toBeUndefined();
  });

  it('rejects a --data path that does not exist, naming it', () => {
    const missing = path.join(tmp, 'nope.jsonl');
    expect(() => locateSuiteFile({ name: 'humaneval', data: missing })).toThrow(`suite humaneval: data file ${missing} does not exist`);
  });
});
