import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { coverageSubset, difficultyOf } from '../../analysis/coverage-subset';
import { BCB_DATA, MINI_HARD } from '../helpers/bigcodebench';

const ROOT = path.resolve(import.meta.dirname, '../..');
const VALIDATED = path.join(ROOT, 'suites/bigcodebench/validate-hard.json');

describe('suites/bigcodebench/mini-hard.json', () => {
  it('is what its command makes: gauntlet subset bigcodebench-hard --size 20 --strategy stratified --by libs --seed 7 --validated validate-hard.json', async () => {
    const shipped = JSON.parse(readFileSync(MINI_HARD, 'utf8'));
    const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'gauntlet-subset-')), 'mini.json');
    const args = ['subset', 'bigcodebench-hard', '--data', BCB_DATA, '--size', '20', '--strategy', 'stratified', '--by', 'libs', '--seed', String(shipped.seed), '--validated', VALIDATED, '-o', out];
    await promisify(execFile)(process.execPath, [path.join(ROOT, 'bin/gauntlet.js'), ...args], { cwd: ROOT, timeout: 60_000 });
    const made = JSON.parse(readFileSync(out, 'utf8'));
    expect(made.sample_ids).toEqual(shipped.sample_ids);
    expect(made.coverage).toEqual(shipped.coverage);
    // What it promises: every major library, every domain, a mix of difficulty, only reliably passing tasks.
    expect(shipped.sample_ids).toHaveLength(20);
    expect(shipped.coverage.covered.domains).toBe(shipped.coverage.covered.of_domains);
    for (const lib of ['numpy', 'pandas', 'scipy', 'matplotlib', 'sklearn', 'seaborn', 'requests']) expect(shipped.coverage.uncovered).not.toContain(lib);
    expect(shipped.coverage.tiers).toEqual({ easy: 7, medium: 7, hard: 6 });
    const validated = new Map<string, string>(JSON.parse(readFileSync(VALIDATED, 'utf8')).tasks.map((t: { task_id: string; status: string }) => [t.task_id, t.status]));
    expect(shipped.sample_ids.every((id: string) => validated.get(id) === 'passed')).toBe(true);
  });
});

describe('coverage subsets', () => {
  const tasks = [
    { task_id: 'a', values: ['numpy'], domains: ['Computation'], solutionChars: 100 },
    { task_id: 'b', values: ['numpy', 'pandas'], domains: ['Computation'], solutionChars: 900 },
    { task_id: 'c', values: ['os'], domains: ['System'], solutionChars: 200 },
    { task_id: 'd', values: ['numpy', 'pandas', 'matplotlib', 'sklearn'], domains: ['Computation', 'Visualization'], solutionChars: 2000 },
    { task_id: 'e', values: ['re'], domains: ['General'], solutionChars: 50 },
    { task_id: 'f', values: ['numpy', 'scipy'], domains: ['Computation'], solutionChars: 700 },
  ];
  it('difficulty = distinct values + solution length / 500', () => {
    expect(difficultyOf(tasks[3]!)).toBe(8);
  });
  it('one pick per tier, each the widest new coverage in its tier; same seed, same subset', () => {
    const r = coverageSubset(tasks, 3, 1);
    expect(r.tiers).toEqual({ easy: 1, medium: 1, hard: 1 });
    expect(r.ids).toContain('d'); // the hard tier's widest task
    expect(coverageSubset(tasks, 3, 1)).toEqual(r);
    expect(r.covered.of).toBe(7);
  });
});
