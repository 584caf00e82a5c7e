import { SHARED_DATASETS } from '../helpers/datasets';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestProgram, createSandbox } from '../../sandbox';
import { SuiteDataError } from '../../eval/suites';
import { expectedCacheFile } from '../../eval/suites/evalplus-expected';
import { loadHumanEvalPlus } from '../../eval/suites/humanevalplus';
import { canonicalProgram } from '../../config/task';

/** A private cache dir, so the first computation really runs (on a few real HumanEval+ records). */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-evalplus-'));
const savedCache = process.env.XDG_CACHE_HOME;
const REAL = path.join(SHARED_DATASETS, 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz');
const realLines = gunzipSync(readFileSync(REAL)).toString('utf8').split('\n').filter(Boolean);
const sandbox = createSandbox({ concurrency: 2 });

beforeAll(() => {
  process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
});
afterAll(async () => {
  if (savedCache === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedCache;
  await sandbox.close();
  rmSync(tmp, { recursive: true, force: true });
});

const record = (over: object) => ({
  task_id: 'T/0',
  prompt: 'def f(x):\n',
  entry_point: 'f',
  canonical_solution: '    return x\n',
  test: 'def check(candidate):\n    assert candidate(1) == 1\n',
  base_input: [[1]],
  plus_input: [],
  atol: 0,
  ...over,
});

describe('EvalPlus expected outputs: computed once, cached by file sha256', () => {
  it('computes on first load (reporting progress), then reads the cache without running Python', async () => {
    const file = path.join(tmp, 'subset.jsonl.gz');
    writeFileSync(file, gzipSync([realLines[4], realLines[12], realLines[53]].join('\n') + '\n'));
    const seen: string[] = [];
    const first = await loadHumanEvalPlus(file, { onProgress: (id) => seen.push(id) });
    expect(seen).toEqual(['HumanEval/4', 'HumanEval/12', 'HumanEval/53']);
    const cache = await expectedCacheFile(file);
    expect(cache.startsWith(path.join(tmp, 'cache', 'gauntlet', 'evalplus'))).toBe(true);
    const mtime = statSync(cache).mtimeMs;

    seen.length = 0;
    const second = await loadHumanEvalPlus(file, { onProgress: (id) => seen.push(id) });
    expect(seen).toEqual([]);
    expect(statSync(cache).mtimeMs).toBe(mtime);
    expect(second).toEqual(first);
    const results = await Promise.all(first.map((t) => sandbox.run({ program: buildTestProgram(t, canonicalProgram(t)), timeoutMs: 30_000 })));
    expect(results.map((r) => r.status)).toEqual(['passed', 'passed', 'passed']);
  });

  it('recomputes a damaged cache file', async () => {
    const file = path.join(tmp, 'one.jsonl');
    writeFileSync(file, JSON.stringify(record({})) + '\n');
    await loadHumanEvalPlus(file);
    const cache = await expectedCacheFile(file);
    writeFileSync(cache, '{"tasks": {"T/0": {"base_input": 5');
    const tasks = await loadHumanEvalPlus(file);
    expect(tasks[0]!.test_code).toContain('_GAUNTLET_BASE_EXPECTED = [1]');
    expect(JSON.parse(readFileSync(cache, 'utf8')).tasks['T/0'].base_expected).toBe('[1]');
  });

  it('keeps integers beyond 2**53 exact, and writes huge ints in hex', async () => {
    const file = path.join(tmp, 'bigint.jsonl');
    // written by hand: JSON.stringify cannot hold these integers exactly either
    writeFileSync(file, JSON.stringify(record({ base_input: [[1]], plus_input: [] })).replace('"base_input":[[1]]', '"base_input":[[9007199254740993],[-123456789012345678901234567890]]') + '\n');
    const [t] = await loadHumanEvalPlus(file);
    expect(t!.test_code).toContain('_GAUNTLET_BASE_INPUT = [[9007199254740993,],[-123456789012345678901234567890,],]');
    expect(t!.test_code).toContain('_GAUNTLET_BASE_EXPECTED = [9007199254740993,-123456789012345678901234567890]');
    const r = await sandbox.run({ program: buildTestProgram(t!, canonicalProgram(t!)), timeoutMs: 30_000 });
    expect(r.status).toBe('passed');

    const huge = path.join(tmp, 'hugeint.jsonl');
    writeFileSync(huge, JSON.stringify(record({ task_id: 'T/2' })).replace('"base_input":[[1]]', `"base_input":[[${(2n ** 5000n).toString()}]]`) + '\n');
    const [h] = await loadHumanEvalPlus(huge);
    expect(h!.test_code).toContain(`_GAUNTLET_BASE_INPUT = [[0x1${'0'.repeat(1250)},],]`);
    expect(h!.test_code).toMatch(/_GAUNTLET_BASE_EXPECTED = \[_gauntlet_digest\('[0-9a-f]{64}', None\)\]/);
    const [ok, off] = await Promise.all(
      ['    return x\n', '    return x + 1 if x > 10 else x\n'].map((body) => sandbox.run({ program: buildTestProgram(h!, h!.prompt + body), timeoutMs: 30_000 })),
    );
    expect(ok!.status).toBe('passed');
    expect(off!.message).toMatch(/^base_input\[0\] f\(\*\[<an int of 5001 bits>\]\): expected <a large value, sha256 [0-9a-f]{12}>, got <an int of 5001 bits>$/);
  });

  it('names file, line, task id and input when a canonical solution raises', async () => {
    const file = path.join(tmp, 'raises.jsonl');
    const bad = record({ task_id: 'T/1', canonical_solution: '    return 10 // x\n', plus_input: [[2], [0]] });
    writeFileSync(file, JSON.stringify(record({})) + '\n' + JSON.stringify(bad) + '\n');
    const err = await loadHumanEvalPlus(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SuiteDataError);
    expect((err as Error).message).toBe(
      `${file}, line 2 (task_id "T/1"): plus_input[1]: canonical_solution raised ZeroDivisionError: integer division or modulo by zero; the canonical solution must run on every input to give the expected outputs`,
    );
    expect(existsSync(await expectedCacheFile(file))).toBe(false);
  });

  it('says so when the entry point is not defined', async () => {
    const file = path.join(tmp, 'noentry.jsonl');
    writeFileSync(file, JSON.stringify(record({ entry_point: 'g' })) + '\n');
    await expect(loadHumanEvalPlus(file)).rejects.toThrow(`${file}, line 1 (task_id "T/0"): entry_point 'g' is not a function defined by prompt + canonical_solution`);
  });
});
