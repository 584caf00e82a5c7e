import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Command } from 'commander';
import type { GauntletWorker } from '../../workers/worker';
import { startRun, tempDir, testClient, testWorker, uniqueQueue } from '../helpers/temporal';
import { rowsOf } from '../helpers/files';
import { humanevalSlice } from '../helpers/data';
import { gauntlet, waitFor } from '../helpers/processes';
import { loadSuite } from '../../eval/suites';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import { failSetFromRuns, type FailSet } from '../../analysis/fail-set';
import { resolveRun } from '../../analysis/runs';
import { parseSampleIdsFile } from '../../analysis/sample-ids';
import type { MergedRun } from '../../analysis/list-runs';
import type { RunConfigInput } from '../../config/run-config';
import type { Task } from '../../config/task';
import type { RunOutcome } from '../../workflows/benchmark-run';
import { register as registerRuns } from '../../cli/commands/runs';

/**
 * Real runs whose failures are known by construction, over the first 12 HumanEval tasks:
 *
 *   ref     reference model, all 12 tasks                    -> every task passes
 *   mock-a  simulated API whose "canonical" answer for A_FAIL is a stub returning None, all 12 tasks
 *   mock-b  another simulated API, stubs for B_FAIL, run over B_IDS only (--sample-ids shape)
 *   replay  replay:<mock-a/results.jsonl>: re-scores mock-a's recorded answers
 *   err     simulated API answering 500 to its first 3 requests; concurrency 1 and one attempt per
 *           unit, so HumanEval/0..2 end as `error` rows and /3../7 pass
 *
 * All but `replay` and the CLI re-run live under one runs root, so they are nameable by run id.
 */
const he = (...n: number[]) => n.map((i) => `HumanEval/${i}`);
const A_FAIL = he(1, 3, 5, 9, 11);
const B_IDS = he(0, 2, 3, 4, 5, 6, 8, 10);
const B_FAIL = he(3, 4, 6, 10);
const ERR_IDS = he(0, 1, 2);
const UNION_AB = he(1, 3, 4, 5, 6, 9, 10, 11);

const tag = randomBytes(3).toString('hex');
const id = (name: string) => `fs-${tag}-${name}`;

let root: string;
let data: string;
let queue: string;
let worker: GauntletWorker;
let workerDone: Promise<void>;
const mocks: MockApi[] = [];
const dirs: Record<string, string> = {};

/** The tasks with the listed ids' solutions replaced by a stub, so a mock answering "canonical" fails exactly those. */
function stubbed(tasks: Task[], ids: string[]): Task[] {
  return tasks.map((t) => (ids.includes(t.task_id) ? { ...t, canonical_solution: '    return None\n' } : t));
}

async function run(name: string, output_dir: string, phase: Partial<RunConfigInput['phases'][number]>, extra: Partial<RunConfigInput> = {}): Promise<RunOutcome> {
  dirs[name] = output_dir;
  const config: RunConfigInput = {
    run_id: id(name),
    output_dir,
    cache: false,
    ...extra,
    phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data }, arms: [{ name: 'ref', model: 'reference' }], ...phase }],
  } as RunConfigInput;
  const handle = await startRun(queue, config, `gauntlet-${id(name)}`);
  return (await handle.result()) as RunOutcome;
}

/** `gauntlet <args>` as a real process; resolves with the exit code and everything it printed. */
async function cli(args: string[]): Promise<{ code: number | null; out: string }> {
  const p = gauntlet(args);
  const code = await p.exited;
  return { code, out: p.output() };
}

function readFailSet(file: string): FailSet {
  return JSON.parse(readFileSync(file, 'utf8')) as FailSet;
}

beforeAll(async () => {
  root = tempDir('gauntlet-fail-sets-');
  data = humanevalSlice(tempDir('gauntlet-data-'), 12);
  const { tasks } = await loadSuite({ name: 'humaneval', data });
  const mockA = await startMockApi({ tasks: stubbed(tasks, A_FAIL), answers: 'canonical' });
  const mockB = await startMockApi({ tasks: stubbed(tasks, B_FAIL), answers: 'canonical' });
  const mockErr = await startMockApi({ tasks, answers: 'canonical', faults: '500:1-3' });
  mocks.push(mockA, mockB, mockErr);

  queue = uniqueQueue('failsets');
  worker = await testWorker(queue);
  workerDone = worker.run();

  const outcomes = await Promise.all([
    run('ref', path.join(root, 'ref-dir'), { samples: 12 }),
    run('mock-a', path.join(root, 'mock-a-dir'), { arms: [{ name: 'm', model: 'mock/a', base_url: mockA.url }], samples: 12 }),
    run('mock-b', path.join(root, 'mock-b-dir'), { arms: [{ name: 'm', model: 'mock/b', base_url: mockB.url }], sample_ids: B_IDS }),
    run(
      'err',
      path.join(root, 'err-dir'),
      { arms: [{ name: 'm', model: 'mock/err', base_url: mockErr.url }], samples: 8, concurrency: 1 },
      { retry: { unit_max_attempts: 1, unit_initial_interval_s: 0.2, phase_max_attempts: 1, strike_delay_s: 1, error_rate_threshold: 0.5 } },
    ),
  ]);
  for (const o of outcomes) expect(o.state).toBe('completed');
  // The replay run re-scores mock-a's answers; it sits outside the runs root (named by its directory).
  const replayed = await run('replay', path.join(tempDir('gauntlet-replay-'), 'replay'), { arms: [{ name: 'r', model: `replay:${path.join(dirs['mock-a']!, 'results.jsonl')}` }], samples: 12 });
  expect(replayed.state).toBe('completed');
});

afterAll(async () => {
  if (worker) {
    worker.shutdown();
    await workerDone;
  }
  await Promise.all(mocks.map((m) => m.close()));
});

describe('runs with failures known by construction', () => {
  it('each run failed, passed and errored exactly as scripted', async () => {
    const byStatus = async (name: string) => {
      const { rows } = await rowsOf(dirs[name]!);
      const ids = (s: string) => rows.filter((r) => r.status === s).map((r) => r.task_id).sort();
      return { all: rows.map((r) => r.task_id).sort(), passed: ids('passed'), failed: ids('failed'), error: ids('error') };
    };
    const sorted = (xs: string[]) => [...xs].sort();
    const all12 = he(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    expect(await byStatus('ref')).toEqual({ all: sorted(all12), passed: sorted(all12), failed: [], error: [] });
    const a = await byStatus('mock-a');
    expect([a.all, a.failed, a.error]).toEqual([sorted(all12), sorted(A_FAIL), []]);
    const b = await byStatus('mock-b');
    expect([b.all, b.failed, b.error]).toEqual([sorted(B_IDS), sorted(B_FAIL), []]);
    const r = await byStatus('replay');
    expect([r.all, r.failed, r.error]).toEqual([sorted(all12), sorted(A_FAIL), []]);
    const e = await byStatus('err');
    expect([e.error, e.passed, e.failed]).toEqual([sorted(ERR_IDS), sorted(he(3, 4, 5, 6, 7)), []]);
    expect(mocks[2]!.stats().faults['500']).toBe(3);
  });
});

describe('gauntlet fail-set on real runs', () => {
  it('union by run id (with --runs-dir): failures of both runs, and the ids mock-b never ran reported as missing', async () => {
    const out = path.join(tempDir('gauntlet-fs-out-'), 'union.json');
    const { code, out: printed } = await cli(['fail-set', id('mock-a'), id('mock-b'), '--runs-dir', root, '-o', out]);
    expect(code, printed).toBe(0);
    const fs = readFailSet(out);
    expect(fs.mode).toBe('union');
    expect(fs.sample_ids).toEqual(UNION_AB);
    expect(fs.source_runs).toEqual([id('mock-a'), id('mock-b')]);
    expect(fs.runs[id('mock-a')]).toMatchObject({ output_dir: dirs['mock-a'], tasks: 12, failed: 5 });
    expect(fs.runs[id('mock-b')]).toMatchObject({ output_dir: dirs['mock-b'], tasks: 8, failed: 4 });
    // Failed in mock-a but not in mock-b's subset: missing there, never "passed".
    expect(fs.missing[id('mock-b')]).toEqual(he(1, 9, 11));
    expect(fs.missing[id('mock-a')]).toEqual([]);
    expect(fs.details['HumanEval/1']).toMatchObject({ failed_in: [id('mock-a')], missing_in: [id('mock-b')], passed_in: [] });
    expect(fs.details['HumanEval/4']).toMatchObject({ failed_in: [id('mock-b')], passed_in: [id('mock-a')] });
    expect(printed).toMatch(/3 failed elsewhere but not run here/);
    expect(parseSampleIdsFile(out)).toEqual(UNION_AB);
  });

  it('intersection by output directory: only ids failed in both; missing ones are left out with a note', async () => {
    const file = path.join(tempDir('gauntlet-fs-out-'), 'intersect.json');
    const { code, out } = await cli(['analyze-failures', dirs['mock-a']!, dirs['mock-b']!, '--intersect', '-o', file]);
    expect(code, out).toBe(0);
    const fs = readFailSet(file);
    expect(fs.mode).toBe('intersect');
    expect(fs.sample_ids).toEqual(he(3));
    expect(fs.notes.join('\n')).toMatch(/missing from others/);
    // The replay re-scored mock-a's own answers: same failures, so the intersection is A's fail set.
    const same = await failSetFromRuns([dirs['mock-a']!, dirs['replay']!], { mode: 'intersect' });
    expect(same.sample_ids).toEqual(A_FAIL);
    // Everything passed in the reference run: nothing fails in both.
    expect((await failSetFromRuns([dirs['ref']!, dirs['mock-a']!], { mode: 'intersect' })).sample_ids).toEqual([]);
  });

  it('error rows are not failures unless --include-errors', async () => {
    const plain = await failSetFromRuns([id('err')], { runsRoot: root });
    expect(plain.sample_ids).toEqual([]);
    expect(plain.notes).toEqual([]);
    const mixed = await failSetFromRuns([id('mock-a'), id('err')], { runsRoot: root });
    expect(mixed.sample_ids).toEqual(A_FAIL);
    // HumanEval/1 failed in mock-a and has only an error row in err: reported, not counted.
    expect(mixed.details['HumanEval/1']!.error_in).toEqual([id('err')]);
    expect(mixed.notes.join('\n')).toMatch(/errors are not failures/);

    const out = path.join(tempDir('gauntlet-fs-out-'), 'errors.json');
    const { code, out: printed } = await cli(['fail-set', dirs['err']!, '--include-errors', '-o', out]);
    expect(code, printed).toBe(0);
    const fs = readFailSet(out);
    expect(fs.include_errors).toBe(true);
    expect(fs.sample_ids).toEqual(ERR_IDS);
    expect(fs.details['HumanEval/0']!.reasons[id('err')]).toMatch(/^error: /);
    const withA = await failSetFromRuns([dirs['mock-a']!, dirs['err']!], { includeErrors: true });
    expect(withA.sample_ids).toEqual(he(0, 1, 2, 3, 5, 9, 11));
  });

  it('`gauntlet run --sample-ids FAILSET` runs exactly the fail set', async () => {
    const failSetFile = path.join(tempDir('gauntlet-fs-out-'), 'rerun.json');
    expect((await cli(['fail-set', id('mock-a'), id('mock-b'), '--runs-dir', root, '-o', failSetFile])).code).toBe(0);
    const out = path.join(tempDir('gauntlet-rerun-'), 'rerun');
    dirs.rerun = out;
    const args = ['run', 'humaneval', '--data', data, '--model', 'reference', '--sample-ids', failSetFile, '--wait'];
    const r = await cli([...args, '--address', inject('temporalAddress'), '--task-queue', queue, '--run-id', id('rerun'), '--output', out]);
    expect(r.code, r.out).toBe(0);
    const { rows } = await rowsOf(out);
    expect(rows.map((x) => x.task_id).sort()).toEqual([...readFailSet(failSetFile).sample_ids].sort());
    expect(rows.map((x) => x.task_id).sort()).toEqual([...UNION_AB].sort());
    expect(rows.every((x) => x.status === 'passed')).toBe(true);
  });
});

describe('naming runs', () => {
  it('resolveRun takes the output directories, run ids and workflow ids of real runs', async () => {
    for (const name of ['ref', 'mock-a', 'mock-b', 'err']) {
      const run = JSON.parse(readFileSync(path.join(dirs[name]!, 'run.json'), 'utf8')) as { run_id: string; workflow_id: string; output_dir: string };
      expect(run.run_id).toBe(id(name));
      expect(path.resolve(run.output_dir)).toBe(dirs[name]);
      expect((await resolveRun(run.output_dir)).dir).toBe(dirs[name]);
      expect((await resolveRun(path.join(run.output_dir, 'results.jsonl'))).dir).toBe(dirs[name]);
      expect(await resolveRun(run.run_id, { runsRoot: root })).toEqual({ dir: dirs[name], via: 'run_id' });
      expect(await resolveRun(run.workflow_id, { runsRoot: root })).toEqual({ dir: dirs[name], via: 'run_id' });
    }
  });

  it('show and compare take run ids and output directories', async () => {
    const show = await cli(['show', id('err'), '--runs-dir', root, '--json']);
    expect(show.code, show.out).toBe(0);
    const s = JSON.parse(show.out) as { run_id: string; output_dir: string; state: string; errors: { total: number } };
    expect(s).toMatchObject({ run_id: id('err'), output_dir: dirs['err'], state: 'completed', errors: { total: 3 } });
    const cmp = await cli(['compare', id('ref'), dirs['mock-a']!, '--runs-dir', root, '--json']);
    expect(cmp.code, cmp.out).toBe(0);
    const c = JSON.parse(cmp.out) as { paired: { tasks: number; broken: string[]; fixed: string[] } };
    expect(c.paired).toMatchObject({ tasks: 12, broken: A_FAIL, fixed: [] });
  });
});

describe('gauntlet runs', () => {
  /** The `runs` command in this process (registered on a fresh program, as cli/index.ts does), its stdout and stderr. */
  async function runsCommand(args: string[]): Promise<{ stdout: string; stderr: string }> {
    const program = new Command('gauntlet').exitOverride();
    registerRuns(program);
    const out: string[] = [];
    const err: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    const warn = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
    try {
      await program.parseAsync(['node', 'gauntlet', 'runs', ...args]);
    } finally {
      log.mockRestore();
      warn.mockRestore();
    }
    return { stdout: out.join('\n'), stderr: err.join('\n') };
  }

  it('merges Temporal visibility with the output directories under the runs root', async () => {
    // A run no worker ever picked up, terminated: Temporal alone knows it (no search attributes yet).
    const killedDir = path.join(tempDir('gauntlet-killed-'), 'killed');
    const killed = await startRun(uniqueQueue('nobody'), {
      run_id: id('killed'),
      output_dir: killedDir,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data }, arms: [{ name: 'ref', model: 'reference' }] }],
    }, `gauntlet-${id('killed')}`);
    await killed.terminate('fail-sets test: never run');
    // Visibility is eventually consistent: wait until it lists the termination.
    const client = await testClient();
    await waitFor(async () => (await client.workflow.count(`WorkflowId = '${killed.workflowId}' AND ExecutionStatus = 'Terminated'`)).count === 1, 30_000, 'the terminated run in visibility');

    const { stdout } = await runsCommand(['--json', '--runs-dir', root, '--address', inject('temporalAddress'), '--limit', '100']);
    const runs = JSON.parse(stdout) as MergedRun[];
    const mine = (name: string) => runs.find((r) => r.run_id === id(name));
    for (const name of ['ref', 'mock-a', 'mock-b', 'err']) {
      expect(mine(name), name).toMatchObject({ source: 'both', state: 'completed', output_dir: dirs[name], suites: ['humaneval'] });
      expect(mine(name)!.temporal).toMatchObject({ workflow_id: `gauntlet-${id(name)}`, status: 'COMPLETED', gauntlet_state: 'completed' });
    }
    expect(mine('mock-a')!.pass_rates).toEqual([{ phase: 'bench', arm: 'm', pass_rate: 7 / 12, passed: 7, failed: 5, errors: 0 }]);
    expect(mine('err')!.pass_rates).toEqual([{ phase: 'bench', arm: 'm', pass_rate: 1, passed: 5, failed: 0, errors: 3 }]);
    // Outside the runs root: known from Temporal alone, output directory and arms read from the start input.
    expect(mine('rerun')).toMatchObject({ source: 'temporal', state: 'completed', output_dir: dirs.rerun, suites: ['humaneval'], arms: ['reference'] });
    expect(mine('replay')).toMatchObject({ source: 'temporal', output_dir: dirs['replay'] });
    expect(mine('killed')).toMatchObject({ source: 'temporal', state: 'terminated', output_dir: killedDir, pass_rates: [] });
    expect(mine('killed')!.temporal).toMatchObject({ workflow_id: `gauntlet-${id('killed')}`, status: 'TERMINATED', gauntlet_state: null, executions: 1 });

    const limited = JSON.parse((await runsCommand(['--json', '--runs-dir', root, '--address', inject('temporalAddress'), '--limit', '2'])).stdout) as MergedRun[];
    expect(limited).toHaveLength(2);

    const table = (await runsCommand(['--runs-dir', root, '--address', inject('temporalAddress')])).stdout;
    expect(table).toMatch(new RegExp(`${id('mock-a')}\\s+completed.*bench/m 58\\.3%`));
    expect(table).toContain(dirs['mock-a']!);
  });

  it('lists the output directories with a warning when Temporal is unreachable', async () => {
    const { stdout, stderr } = await runsCommand(['--json', '--runs-dir', root, '--address', '127.0.0.1:1']);
    expect(stderr).toMatch(/cannot reach Temporal at 127\.0\.0\.1:1/);
    const runs = JSON.parse(stdout) as MergedRun[];
    expect(runs.map((r) => r.run_id).sort()).toEqual(['err', 'mock-a', 'mock-b', 'ref'].map(id).sort());
    expect(runs.every((r) => r.source === 'dir' && r.temporal === null && r.state === 'completed')).toBe(true);
  });
});
