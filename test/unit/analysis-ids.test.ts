import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseSampleIdsFile, selectTasks } from '../../analysis/sample-ids';
import { allocateProportional, makeSubset } from '../../analysis/subset';
import { mulberry32 } from '../../analysis/prng';
import { mcnemarExact } from '../../analysis/mcnemar';
import { register as registerSubset } from '../../cli/commands/subset';

let dir: string;
const write = async (name: string, text: string) => {
  const f = path.join(dir, name);
  await fs.writeFile(f, text);
  return f;
};

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-ids-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('sample-id files', () => {
  it('reads a fail-set JSON, a JSON list and one id per line with comments', async () => {
    expect(parseSampleIdsFile(await write('fs.json', JSON.stringify({ mode: 'union', sample_ids: ['a/1', 'b/2'] })))).toEqual(['a/1', 'b/2']);
    expect(parseSampleIdsFile(await write('list.json', '  ["x", "y", "x"]'))).toEqual(['x', 'y']);
    expect(parseSampleIdsFile(await write('ids.txt', '# failures of run 7\nHumanEval/3\n\n  HumanEval/10   # flaky\nHumanEval/C#1\n'))).toEqual([
      'HumanEval/3',
      'HumanEval/10',
      'HumanEval/C#1',
    ]);
  });

  it('errors name the file and the line or entry', async () => {
    const txt = await write('bad.txt', 'a\nb c\n');
    expect(() => parseSampleIdsFile(txt)).toThrow(`${txt}:2: "b c" holds whitespace; write one task id per line`);
    const badJson = await write('bad.json', '{\n "sample_ids": [\n "a",\n ]\n}');
    expect(() => parseSampleIdsFile(badJson)).toThrow(`${badJson}: not valid JSON`);
    // When V8 reports a position, it becomes a line number.
    const trailing = await write('trailing.json', '["a",\n "b"]\n x');
    expect(() => parseSampleIdsFile(trailing)).toThrow(`${trailing}:3: not valid JSON`);
    const notStr = await write('num.json', '{"sample_ids": ["a", 3]}');
    expect(() => parseSampleIdsFile(notStr)).toThrow(`${notStr}: sample_ids[1] is 3; expected a non-empty task id string`);
    const obj = await write('obj.json', '{"ids": []}');
    expect(() => parseSampleIdsFile(obj)).toThrow(`${obj}: a JSON object needs a "sample_ids" list`);
    const empty = await write('empty.txt', '# nothing\n\n');
    expect(() => parseSampleIdsFile(empty)).toThrow(`${empty} holds no sample ids`);
    expect(() => parseSampleIdsFile(path.join(dir, 'absent.txt'))).toThrow(/cannot read sample-id file .*absent\.txt/);
  });

  it('selectTasks keeps suite order and lists unknown ids (first 20 and the count)', () => {
    const tasks = Array.from({ length: 5 }, (_, i) => ({ task_id: `T/${i}` }));
    expect(selectTasks(tasks, ['T/3', 'T/0'], 'f.txt').map((t) => t.task_id)).toEqual(['T/0', 'T/3']);
    const unknown = Array.from({ length: 25 }, (_, i) => `Z/${i}`);
    expect(() => selectTasks(tasks, ['T/1', ...unknown], 'f.txt')).toThrow(
      /^f\.txt: 25 sample id\(s\) are not in the suite: Z\/0, Z\/1, .*Z\/19 \.\.\. and 5 more \(25 in all\)/,
    );
  });
});

describe('subsets', () => {
  const tasks = [
    ...Array.from({ length: 50 }, (_, i) => ({ task_id: `A_${i}`, category: 'algo' })),
    ...Array.from({ length: 30 }, (_, i) => ({ task_id: `D_${i}`, category: 'data' })),
    ...Array.from({ length: 20 }, (_, i) => ({ task_id: `B_${i}`, category: 'bug' })),
  ];
  const order = (ids: string[]) => ids.map((id) => tasks.findIndex((t) => t.task_id === id));

  it('mulberry32 is a fixed sequence', () => {
    const r = mulberry32(42);
    // Reference values of the published algorithm for seed 42.
    expect([r(), r(), r()].map((x) => x.toFixed(10))).toEqual(['0.6011037519', '0.4482905590', '0.8524657935']);
  });

  it('first and random: same seed, same subset, in suite order', () => {
    expect(makeSubset(tasks, 's', { size: 3 }).sample_ids).toEqual(['A_0', 'A_1', 'A_2']);
    const a = makeSubset(tasks, 's', { size: 10, strategy: 'random', seed: 7 });
    expect(makeSubset(tasks, 's', { size: 10, strategy: 'random', seed: 7 }).sample_ids).toEqual(a.sample_ids);
    expect(makeSubset(tasks, 's', { size: 10, strategy: 'random', seed: 8 }).sample_ids).not.toEqual(a.sample_ids);
    expect(new Set(a.sample_ids).size).toBe(10);
    expect(order(a.sample_ids)).toEqual([...order(a.sample_ids)].sort((x, y) => x - y));
    expect(a.seed).toBe(7);
    expect(() => makeSubset(tasks, 's', { size: 101 })).toThrow(/--size 101 is larger than suite s, which has 100 tasks/);
  });

  it('stratified: proportional by field, else by id prefix', () => {
    const s = makeSubset(tasks, 's', { size: 10, strategy: 'stratified', seed: 3 });
    expect(s.strata).toEqual({ algo: { tasks: 50, chosen: 5 }, data: { tasks: 30, chosen: 3 }, bug: { tasks: 20, chosen: 2 } });
    expect(s.sample_ids.filter((id) => id.startsWith('D_'))).toHaveLength(3);
    expect(makeSubset(tasks, 's', { size: 10, strategy: 'stratified', seed: 3 }).sample_ids).toEqual(s.sample_ids);
    const bare = tasks.map(({ task_id }) => ({ task_id }));
    const p = makeSubset(bare, 's', { size: 5, strategy: 'stratified', by: 'category' });
    expect(p.by).toBe('task_id prefix');
    expect(p.strata).toEqual({ A: { tasks: 50, chosen: 3 }, D: { tasks: 30, chosen: 1 }, B: { tasks: 20, chosen: 1 } });
  });

  it('largest remainder: leftover seats go to the largest remainders, ties to the earlier stratum', () => {
    expect(allocateProportional([7, 2, 1], 5)).toEqual([4, 1, 0]);
    expect(allocateProportional([1, 1, 1], 2)).toEqual([1, 1, 0]);
    expect(allocateProportional([3, 3, 4], 10)).toEqual([3, 3, 4]);
  });

  it('the CLI loads a suite via --data and writes a subset file that reads back', async () => {
    const suite = Array.from({ length: 12 }, (_, i) => ({
      task_id: `${i % 3 === 0 ? 'API' : 'ALGO'}_${i}`,
      prompt: 'p',
      entry_point: 'f',
      canonical_solution: 'def f(): return 1',
      test_code: 'assert f() == 1',
    }));
    const data = await write('tasks.json', JSON.stringify({ tasks: suite }));
    const out = path.join(dir, 'subset.json');
    const program = new Command().exitOverride();
    registerSubset(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await program.parseAsync(['subset', 'custom', '--data', data, '--size', '4', '--strategy', 'stratified', '--seed', '5', '-o', out], { from: 'user' });
      expect(log.mock.calls.flat().join('\n')).toContain('4 of 12 tasks of custom (stratified, seed 5) over task_id prefix: API 1/4, ALGO 3/8');
    } finally {
      log.mockRestore();
    }
    const written = JSON.parse(await fs.readFile(out, 'utf8'));
    expect(written).toMatchObject({ suite: 'custom', strategy: 'stratified', seed: 5, size: 4 });
    const ids = parseSampleIdsFile(out);
    expect(selectTasks(suite, ids, out).map((t) => t.task_id)).toEqual(ids);
    await expect(program.parseAsync(['subset', 'nope', '--size', '1'], { from: 'user' })).rejects.toThrow(/unknown suite "nope"; known: humaneval, humanevalplus, mbppplus, custom/);
  });
});

describe('McNemar exact', () => {
  it('matches hand-computed two-sided binomial p-values', () => {
    expect(mcnemarExact(1, 6)).toBe(0.125); // 2 * (1 + 7) / 128
    expect(mcnemarExact(6, 1)).toBe(0.125);
    expect(mcnemarExact(0, 5)).toBe(0.0625); // 2 / 32
    expect(mcnemarExact(3, 3)).toBe(1); // 2 * 42 / 64 capped at 1
    expect(mcnemarExact(0, 0)).toBe(1);
    expect(mcnemarExact(10, 40)).toBe(3358183889 / 140737488355328); // exact fraction (Python: Fraction)
    expect(mcnemarExact(0, 1500)).toBeGreaterThanOrEqual(0); // 2^-1499 underflows to 0, no NaN or Infinity
    expect(mcnemarExact(600, 700)).toBeGreaterThan(0);
    expect(() => mcnemarExact(-1, 2)).toThrow(/b must be a non-negative integer/);
  });
});
