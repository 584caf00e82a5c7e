import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSuite } from '../../eval/registry';
import { SHARED_DATASETS } from '../helpers/datasets';
import { knownIssues } from '../../eval/suites/bigcodebench';

const DATA = path.join(SHARED_DATASETS, 'bigcodebench');
const load = async (suite: string, options?: Record<string, unknown>, data: string | null = DATA) => (await resolveSuite(suite)).samples({ ...(data ? { data } : {}), ...(options ? { options } : {}) });

describe('bigcodebench suites', () => {
  it('loads 1,140 tasks, and the 148 Hard ones by hard_task_ids.json, in file order', async () => {
    const full = await load('bigcodebench');
    expect(full).toHaveLength(1140);
    expect(full[0]!.id).toBe('BigCodeBench/0');
    const hard = await load('bigcodebench-hard');
    expect(hard).toHaveLength(148);
    expect(hard.slice(0, 3).map((s) => s.id)).toEqual(['BigCodeBench/13', 'BigCodeBench/15', 'BigCodeBench/17']);
    expect(hard.at(-1)!.id).toBe('BigCodeBench/1137');
  });

  it('complete split: the official instruction around the docstring prompt; calibration prefix = code_prompt + pass', async () => {
    const [s] = await load('bigcodebench', { split: 'complete' });
    expect(s!.input.startsWith('Please provide a self-contained Python script that solves the following problem in a markdown code block:\n```\nimport itertools\nfrom random import shuffle\n\ndef task_func(numbers=list(range(1, 3))):\n    """')).toBe(true);
    expect(s!.metadata.program_prefix).toBe('import itertools\nfrom random import shuffle\ndef task_func(numbers=list(range(1, 3))):\n\n    pass\n');
    expect(s!.code).toMatchObject({ entry_point: 'task_func', format: 'instruct', test_harness: 'unittest', timeout_s: 240, memory_mb: 8192 });
    expect(s!.code!.canonical_solution.startsWith(s!.code!.prompt.split('```\n')[1]!.slice(0, 40))).toBe(true);
  });

  it('instruct split: the natural-language instruction; --no-calibrated drops the prefix', async () => {
    const [s] = await load('bigcodebench', { split: 'instruct', calibrated: false });
    expect(s!.input).toMatch(/^Please provide a self-contained Python script .*:\nCalculates the average of the sums of absolute differences/s);
    expect(s!.input).toMatch(/You should write self-contained code starting with:\n```\nimport itertools/);
    expect(s!.metadata.program_prefix).toBeUndefined();
    expect(s!.metadata.split).toBe('instruct');
  });

  it('samples carry libs, domain category and the environment (default bigcodebench, overridable)', async () => {
    const hard = await load('bigcodebench-hard');
    const s13 = hard[0]!;
    expect(s13.metadata.libs).toEqual(['subprocess', 'ftplib', 'os']);
    // subprocess and os are System, ftplib Network: the most frequent non-General domain wins.
    expect(s13.metadata.category).toBe('System');
    expect(s13.metadata.domains).toEqual(['System', 'Network']);
    expect(s13.sandbox).toEqual({ environment: 'bigcodebench' });
    expect(new Set(hard.map((s) => s.metadata.category))).toEqual(new Set(['General', 'Computation', 'Visualization', 'System', 'Network', 'Cryptography', 'Time']));
    const ci = await load('bigcodebench-hard', { environment: 'bigcodebench-ci' });
    expect(ci[0]!.sandbox).toEqual({ environment: 'bigcodebench-ci' });
  });

  it('excludes the known issues on request, and given tasks', async () => {
    const issues = knownIssues();
    expect(issues.length).toBeGreaterThan(0);
    const hardIds = new Set((await load('bigcodebench-hard')).map((s) => s.id));
    const inHard = issues.filter((i) => hardIds.has(i.task_id));
    const kept = await load('bigcodebench-hard', { exclude_known_issues: true });
    expect(kept).toHaveLength(148 - inHard.length);
    expect(kept.some((s) => inHard.some((i) => i.task_id === s.id))).toBe(false);
    const two = await load('bigcodebench-hard', { exclude: [{ task_id: 'BigCodeBench/13' }, { task_id: 'BigCodeBench/15', why: 'x' }] });
    expect(two.map((s) => s.id)).not.toContain('BigCodeBench/13');
    expect(two).toHaveLength(146);
  });

  it('bad options and missing data fail with what to do', async () => {
    await expect(load('bigcodebench', { split: 'chat' })).rejects.toThrow(/suite bigcodebench: bad suite.options: split: .*known options: split \(complete\|instruct\)/);
    await expect(load('bigcodebench', { calibrate: true })).rejects.toThrow(/bad suite.options/);
    const saved = process.env.GAUNTLET_DATA_DIR;
    delete process.env.GAUNTLET_DATA_DIR;
    try {
      await expect(load('bigcodebench', undefined, null)).rejects.toThrow(/no data found \(\$GAUNTLET_DATA_DIR is not set\); pass --data/);
    } finally {
      if (saved !== undefined) process.env.GAUNTLET_DATA_DIR = saved;
    }
    await expect(load('bigcodebench', undefined, '/nonexistent/bcb.jsonl.gz')).rejects.toThrow(/--data \/nonexistent\/bcb.jsonl.gz does not exist/);
  });

  it('finds the data through $GAUNTLET_DATA_DIR/bigcodebench', async () => {
    const saved = process.env.GAUNTLET_DATA_DIR;
    process.env.GAUNTLET_DATA_DIR = SHARED_DATASETS;
    try {
      expect(await load('bigcodebench-hard', undefined, null)).toHaveLength(148);
    } finally {
      if (saved === undefined) delete process.env.GAUNTLET_DATA_DIR;
      else process.env.GAUNTLET_DATA_DIR = saved;
    }
  });
});
