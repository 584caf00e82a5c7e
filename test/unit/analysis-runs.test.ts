import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ResultRow, RowStatus } from '../../config/results';
import type { RunRecord } from '../../config/run-record';
import { appendMeta, appendRows } from '../../store/results';
import { writeJsonAtomic } from '../../store/atomic';
import { AnalysisError } from '../../analysis/errors';
import { resolveRun, openRun } from '../../analysis/runs';
import { selectSlice } from '../../analysis/slice';
import { failSetFromRuns, type FailSet } from '../../analysis/fail-set';
import { compareRuns } from '../../analysis/compare';
import { summarizeRun } from '../../analysis/summary';
import { listRunsFromDirs } from '../../analysis/list-runs';
import { parseSampleIdsFile } from '../../analysis/sample-ids';
import { register as registerFailSet } from '../../cli/commands/fail-set';
import { register as registerCompare } from '../../cli/commands/compare';
import { register as registerShow } from '../../cli/commands/show';

/**
 * Run directories whose outcomes are known by construction (F failed, P passed, E only error
 * rows, - absent; run C has two samples per task, see the comments there):
 *
 *        A   B   C
 *   t/1  F   F   F
 *   t/2  F   P   F      (B: first written failed, then re-written passed: the later row wins)
 *   t/3  P   F   P
 *   t/4  F   F   E
 *   t/5  E   F   P
 *   t/6  P   P   P
 *   t/7  F   -   F
 *   t/10 -   F   F
 *
 * Run D has one benchmark phase with arms x and y for the arm comparison: 1 broken, 6 fixed.
 */
let root: string;
const dirs: Record<string, string> = {};

type Spec = [task: string, status: RowStatus, extra?: Partial<ResultRow>];

function row(run_id: string, phase: string, arm: string, [task_id, status, extra]: Spec, sample = 0): ResultRow {
  return {
    run_id, phase, task_id, arm, sample, status,
    score: status === 'passed' ? 1 : status === 'failed' ? 0 : null,
    duration_ms: 10, tokens_in: 0, tokens_out: 0, cost_usd: 0.001,
    ...(status === 'failed' ? { reason: 'assertion' } : status === 'error' ? { error_kind: 'api_error' } : {}),
    recorded_at: '2025-01-01T00:00:00Z',
    ...extra,
  };
}

async function makeRun(dirName: string, run_id: string, phases: { name: string; kind: string; arms: string[] }[], rows: ResultRow[], started: string): Promise<string> {
  const dir = path.join(root, dirName);
  const config = { phases: phases.map((p) => ({ name: p.name, kind: p.kind, suite: { name: 'custom' }, arms: p.arms.map((name) => ({ name, model: 'reference' })) })) };
  const record: RunRecord = {
    run_id, workflow_id: `wf-${run_id}`, output_dir: dir, config, state: 'completed',
    created_at: started, updated_at: started, ended_at: started,
    phases: phases.map((p) => ({ name: p.name, kind: p.kind, state: 'completed', attempts: 1, units_total: rows.filter((r) => r.phase === p.name).length })),
    resume_events: [], waits: [],
  };
  await writeJsonAtomic(path.join(dir, 'run.json'), record);
  const results = path.join(dir, 'results.jsonl');
  await appendMeta(results, { run_id, started_at: started, config });
  await appendRows(results, rows);
  return dir;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-analysis-'));
  const bench = (id: string, specs: Spec[]) => specs.map((s) => row(id, 'bench', 'm1', s));
  dirs.A = await makeRun(
    'dir-a', 'run-a',
    [{ name: 'validate', kind: 'validate', arms: ['reference'] }, { name: 'bench', kind: 'benchmark', arms: ['m1'] }],
    [
      // All canonical solutions pass; the default slice must still be the benchmark phase.
      ...['t/1', 't/2', 't/3'].map((t) => row('run-a', 'validate', 'reference', [t, 'passed'])),
      ...bench('run-a', [['t/1', 'failed'], ['t/2', 'failed'], ['t/3', 'passed'], ['t/4', 'failed'], ['t/5', 'error'], ['t/6', 'passed'], ['t/7', 'failed', { reason: 'timeout' }]]),
    ],
    '2025-01-01T00:00:00Z',
  );
  dirs.B = await makeRun(
    'dir-b', 'run-b', [{ name: 'bench', kind: 'benchmark', arms: ['m1'] }],
    bench('run-b', [['t/1', 'failed'], ['t/2', 'failed'], ['t/3', 'failed'], ['t/4', 'failed'], ['t/5', 'failed'], ['t/6', 'passed'], ['t/10', 'failed'], ['t/2', 'passed']]),
    '2025-01-02T00:00:00Z',
  );
  // Run C, two samples per task: t/2 [failed, error] -> F; t/3 [failed, passed] -> P; t/4 [error, error] -> E.
  const c: [string, RowStatus, RowStatus][] = [
    ['t/1', 'failed', 'failed'], ['t/2', 'failed', 'error'], ['t/3', 'failed', 'passed'], ['t/4', 'error', 'error'],
    ['t/5', 'passed', 'passed'], ['t/6', 'passed', 'failed'], ['t/7', 'failed', 'failed'], ['t/10', 'failed', 'failed'],
  ];
  dirs.C = await makeRun(
    'dir-c', 'run-c', [{ name: 'bench', kind: 'benchmark', arms: ['m1'] }],
    c.flatMap(([t, s0, s1]) => [row('run-c', 'bench', 'm1', [t, s0], 0), row('run-c', 'bench', 'm1', [t, s1], 1)]),
    '2025-01-03T00:00:00Z',
  );
  // Run D: x vs y. u/1 broken; u/2..u/7 fixed; u/8 both passed; u/9 both failed; u/10 error in x; u/11 only in x.
  const d: [string, RowStatus, RowStatus | null][] = [
    ['u/1', 'passed', 'failed'], ...[2, 3, 4, 5, 6, 7].map((i) => [`u/${i}`, 'failed', 'passed'] as [string, RowStatus, RowStatus]),
    ['u/8', 'passed', 'passed'], ['u/9', 'failed', 'failed'], ['u/10', 'error', 'passed'], ['u/11', 'passed', null],
  ];
  dirs.D = await makeRun(
    'dir-d', 'run-d', [{ name: 'bench', kind: 'benchmark', arms: ['x', 'y'] }],
    d.flatMap(([t, x, y]) => [row('run-d', 'bench', 'x', [t, x]), ...(y ? [row('run-d', 'bench', 'y', [t, y])] : [])]),
    '2025-01-04T00:00:00Z',
  );
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('resolveRun', () => {
  it('takes an output directory, its results.jsonl, or a run id under the runs root', async () => {
    expect((await resolveRun(dirs.A!)).dir).toBe(dirs.A);
    expect((await resolveRun(path.join(dirs.B!, 'results.jsonl'))).dir).toBe(dirs.B);
    // The directory name differs from the run id: found by reading */run.json.
    expect(await resolveRun('run-c', { runsRoot: root })).toEqual({ dir: dirs.C, via: 'run_id' });
    vi.stubEnv('GAUNTLET_RUNS_DIR', root);
    try {
      expect((await resolveRun('run-d')).dir).toBe(dirs.D);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lists what it tried when nothing matches', async () => {
    const err = await resolveRun('no-such-run', { runsRoot: root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AnalysisError);
    const msg = (err as Error).message;
    expect(msg).toContain(`${path.resolve('no-such-run')} does not exist`);
    expect(msg).toContain(`no ${root}/*/run.json has run_id "no-such-run"`);
    expect(msg).toMatch(/known run ids: .*run-a/);
  });
});

describe('slices', () => {
  it('defaults to the only benchmark phase and asks for --arm when a phase has several arms', async () => {
    const a = selectSlice(await openRun(dirs.A!));
    expect([a.phase, a.arm, a.tasks.size]).toEqual(['bench', 'm1', 7]);
    const d = await openRun(dirs.D!);
    expect(() => selectSlice(d)).toThrow(/several arms: x, y; choose one with --arm/);
    expect(() => selectSlice(d, { phase: 'nope' })).toThrow(/has no phase "nope"; its phases: bench \(benchmark, 21 rows\)/);
  });

  it('a task fails when no sample passed; only-error tasks are neither passed nor failed', async () => {
    const c = selectSlice(await openRun(dirs.C!));
    const outcome = (id: string) => c.tasks.get(id)!.outcome;
    expect(['t/2', 't/3', 't/4', 't/6'].map(outcome)).toEqual(['failed', 'passed', 'error', 'passed']);
  });
});

describe('fail sets', () => {
  const refs = () => [dirs.A!, dirs.B!, dirs.C!];

  it('union: ids failed in any run, with reasons and the ids each run is missing', async () => {
    const fs = await failSetFromRuns(refs());
    expect(fs.source_runs).toEqual(['run-a', 'run-b', 'run-c']);
    expect(fs.sample_ids).toEqual(['t/1', 't/2', 't/3', 't/4', 't/5', 't/7', 't/10']);
    expect(fs.missing).toEqual({ 'run-a': ['t/10'], 'run-b': ['t/7'], 'run-c': [] });
    expect(fs.details['t/7']).toMatchObject({ failed_in: ['run-a', 'run-c'], missing_in: ['run-b'], reasons: { 'run-a': 'timeout', 'run-c': 'assertion' } });
    // B's later row for t/2 (passed) replaced its earlier failed row.
    expect(fs.details['t/2']).toMatchObject({ failed_in: ['run-a', 'run-c'], passed_in: ['run-b'] });
    expect(fs.details['t/6']).toBeUndefined();
  });

  it('intersect: ids failed in every run; missing or error-only ids are left out and said so', async () => {
    const fs = await failSetFromRuns(refs(), { mode: 'intersect' });
    expect(fs.sample_ids).toEqual(['t/1']);
    expect(fs.details['t/4']).toMatchObject({ failed_in: ['run-a', 'run-b'], error_in: ['run-c'] });
    expect(fs.notes.join('\n')).toMatch(/2 id\(s\) failed in some runs but are missing from others; an id missing from a run cannot be in the intersection.*t\/7, t\/10/);
    expect(fs.notes.join('\n')).toMatch(/only error rows in some runs; errors are not failures.*t\/4/);
  });

  it('--include-errors counts only-error tasks as failures', async () => {
    const fs = await failSetFromRuns(refs(), { mode: 'intersect', includeErrors: true });
    expect(fs.sample_ids).toEqual(['t/1', 't/4']);
    expect(fs.details['t/4']!.reasons['run-c']).toBe('error: api_error');
    const single = await failSetFromRuns([dirs.A!], { includeErrors: true });
    expect(single.sample_ids).toContain('t/5');
    expect((await failSetFromRuns([dirs.A!])).sample_ids).not.toContain('t/5');
  });

  it('the CLI writes a fail set that parseSampleIdsFile reads back (alias analyze-failures, run ids)', async () => {
    const out = path.join(root, 'fails.json');
    const program = new Command().exitOverride();
    registerFailSet(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await program.parseAsync(['analyze-failures', 'run-a', 'run-b', '--intersect', '--runs-dir', root, '-o', out], { from: 'user' });
      expect(log.mock.calls.flat().join('\n')).toMatch(/2 sample id\(s\) in the intersect of failures over 2 run\(s\)/);
    } finally {
      log.mockRestore();
    }
    const written = JSON.parse(await fs.readFile(out, 'utf8')) as FailSet;
    expect(written.mode).toBe('intersect');
    expect(parseSampleIdsFile(out)).toEqual(['t/1', 't/4']);
    await expect(program.parseAsync(['fail-set', dirs.A!, '--intersect', '--union'], { from: 'user' })).rejects.toThrow(/cannot be used with option '--union'/);
  });
});

describe('compare', () => {
  it('two arms of one run: fixed, broken, exclusions and the exact McNemar p-value', async () => {
    const c = await compareRuns('run-d', 'run-d', { arm: 'x', armB: 'y', runsRoot: root });
    expect(c.paired.fixed).toEqual(['u/2', 'u/3', 'u/4', 'u/5', 'u/6', 'u/7']);
    expect(c.paired.broken).toEqual(['u/1']);
    expect([c.paired.tasks, c.paired.both_passed, c.paired.both_failed]).toEqual([9, 1, ['u/9']]);
    expect(c.mcnemar).toEqual({ b: 1, c: 6, p_value: 0.125 }); // 2 * (C(7,0) + C(7,1)) / 2^7
    expect(c.excluded).toEqual({ only_in_a: ['u/11'], only_in_b: [], errors_only: ['u/10'] });
    expect(c.paired.pass_rate_a).toBeCloseTo(2 / 9, 12);
    expect(c.paired.pass_rate_b).toBeCloseTo(7 / 9, 12);
    expect([c.a.tasks_passed, c.a.tasks_scored]).toEqual([3, 10]);
  });

  it('two runs, from the CLI with --json', async () => {
    const program = new Command().exitOverride();
    registerCompare(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    let out: string;
    try {
      await program.parseAsync(['compare', dirs.A!, dirs.B!, '--json'], { from: 'user' });
      out = log.mock.calls.flat().join('\n');
    } finally {
      log.mockRestore();
    }
    const c = JSON.parse(out);
    expect(c.paired).toMatchObject({ fixed: ['t/2'], broken: ['t/3'], both_failed: ['t/1', 't/4'], both_passed: 1 });
    expect(c.mcnemar).toEqual({ b: 1, c: 1, p_value: 1 });
    expect(c.excluded).toEqual({ only_in_a: ['t/7'], only_in_b: ['t/10'], errors_only: ['t/5'] });
  });
});

describe('show and run listing', () => {
  it('summarizes a run from its files', async () => {
    const s = await summarizeRun(dirs.A!);
    expect(s).toMatchObject({ run_id: 'run-a', state: 'completed', workflow_id: 'wf-run-a', output_dir: dirs.A, suites: ['custom'], arms: ['reference', 'm1'] });
    expect(s.phases.map((p) => `${p.name}:${p.kind}:${p.state}`)).toEqual(['validate:validate:completed', 'bench:benchmark:completed']);
    const bench = s.pass_rates.find((r) => r.phase === 'bench')!;
    expect(bench).toMatchObject({ passed: 2, failed: 4, errors: 1, tasks: 7, tasks_passed: 2 });
    expect(bench.pass_rate).toBeCloseTo(2 / 6, 12);
    expect(s.errors).toEqual({ total: 1, by_kind: { api_error: 1 } });
  });

  it('gauntlet show prints state, phases and pass rates', async () => {
    const program = new Command().exitOverride();
    registerShow(program);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await program.parseAsync(['show', 'run-c', '--runs-dir', root], { from: 'user' });
      const text = log.mock.calls.flat().join('\n');
      expect(text).toContain('run run-c  state: completed');
      expect(text).toContain('bench/m1: 30.8% samples (4/13), tasks solved 3/8, errors 3');
    } finally {
      log.mockRestore();
    }
  });

  it('lists run directories newest first and marks unreadable ones', async () => {
    const broken = path.join(root, 'dir-broken');
    await fs.mkdir(broken, { recursive: true });
    await fs.writeFile(path.join(broken, 'run.json'), '{"run_id": 5}');
    try {
      const runs = await listRunsFromDirs(root);
      expect(runs.filter((r) => !r.problem).map((r) => r.run_id)).toEqual(['run-d', 'run-c', 'run-b', 'run-a']);
      const b = runs.find((r) => r.run_id === 'run-b')!;
      expect(b).toMatchObject({ state: 'completed', suites: ['custom'], arms: ['m1'], started: '2025-01-02T00:00:00Z' });
      expect(b.pass_rates).toEqual([{ phase: 'bench', arm: 'm1', pass_rate: 2 / 7, passed: 2, failed: 5, errors: 0 }]);
      const bad = runs.find((r) => r.output_dir === broken)!;
      expect(bad.state).toBe('unreadable');
      expect(bad.problem).toMatch(/run_id/);
      expect(await listRunsFromDirs(path.join(root, 'absent'))).toEqual([]);
    } finally {
      await fs.rm(broken, { recursive: true });
    }
  });
});
