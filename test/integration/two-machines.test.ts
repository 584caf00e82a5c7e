import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { HUMANEVAL, startRun, tempDir, testClient, uniqueQueue } from '../helpers/temporal';
import { GAUNTLET_BIN, gauntlet, waitFor, type Proc } from '../helpers/processes';
import { jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { unitKey } from '../../config/results';
import type { RunOutcome } from '../../workflows/benchmark-run';

/**
 * Issue 16: one run served by workers on two "machines" whose disks differ. Each worker runs in
 * its own mount namespace (`unshare -m`, as root) where RUNS is a bind mount of a different host
 * directory: the same output_dir path is another disk on each machine, and this test reads both
 * host directories from outside. The run is owned by store A; B only evaluates units.
 */
const RUNS = '/srv/gauntlet-runs';
const TASKS = 164;
const EPOCHS = 5;
const UNITS = TASKS * EPOCHS;
const CONCURRENCY = 8;
/** Small batches keep what a kill can lose (and so the re-evaluation bound below) small. */
const MAX_BATCH = 8;

interface Machine extends Proc {
  store: string;
  trace: string;
}

/** A `gauntlet worker --store NAME` in its own mount namespace, RUNS backed by `disk`, its evaluations traced to `trace`. */
function machine(store: string, disk: string, queue: string, trace: string): Machine {
  const script = `mount --bind "$DISK" ${RUNS} && exec "$NODE" "$BIN" worker --address "$ADDR" --task-queue "$QUEUE" --store "$STORE" --max-concurrent 8`;
  const child = spawn('unshare', ['-m', '--propagation', 'private', 'sh', '-c', script], {
    env: {
      ...process.env,
      DISK: disk,
      NODE: process.execPath,
      BIN: GAUNTLET_BIN,
      ADDR: inject('temporalAddress'),
      QUEUE: queue,
      STORE: store,
      GAUNTLET_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
      GAUNTLET_EXEC_TRACE: trace,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited, store, trace };
}

async function kill(m: Machine): Promise<void> {
  m.child.kill('SIGKILL');
  await m.exited;
}

interface Execution {
  key: string;
  started_at: string;
}
const executions = (trace: string): Execution[] =>
  existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Execution) : [];

/** Every file under `dir`, relative. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

function requireUnshare(): void {
  const probe = spawnSync('unshare', ['-m', '--propagation', 'private', 'true'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `the two-machine test needs \`unshare -m\` (util-linux, run as root or with CAP_SYS_ADMIN) to give each worker its own mount namespace; ` +
        `\`unshare -m --propagation private true\` failed: ${probe.error?.message ?? probe.stderr.trim()}. Run the integration tests as root (CI does).`,
    );
  }
}

describe('two machines with different disks, one run', () => {
  it('keeps every row on the owner: one row per unit, none on the other machine, no unit evaluated again after it was recorded, through SIGKILLs of both', async () => {
    requireUnshare();
    mkdirSync(RUNS, { recursive: true });
    const queue = uniqueQueue('two-machines');
    const diskA = tempDir('gauntlet-disk-a-');
    const diskB = tempDir('gauntlet-disk-b-');
    const traces = tempDir('gauntlet-traces-');
    const runId = `two-machines-${path.basename(diskA).slice(-6)}`;
    const out = path.join(RUNS, runId);
    const onA = path.join(diskA, runId);
    const started: Machine[] = [];
    const start = (store: string, disk: string, n: number) => {
      const m = machine(store, disk, queue, path.join(traces, `${store}-${n}.jsonl`));
      started.push(m);
      return m;
    };
    const rowsOnA = async () => (existsSync(onA) ? (await rowsOf(onA)).rows.length : 0);
    const executed = (m: Machine) => executions(m.trace).length;
    try {
      const a1 = start('A', diskA, 1);
      const b1 = start('B', diskB, 1);
      const handle = await startRun(queue, {
        run_id: runId,
        output_dir: out,
        store: 'A',
        // Each SIGKILL can cost an in-flight batch one attempt: leave room so no unit ends `error`.
        retry: { unit_max_attempts: 5 },
        phases: [
          {
            name: 'bench',
            kind: 'benchmark',
            suite: { name: 'humaneval', data: HUMANEVAL },
            arms: [{ name: 'ref', model: 'reference' }],
            samples_per_task: EPOCHS,
            concurrency: CONCURRENCY,
            max_batch: MAX_BATCH,
            timeouts: { unit_s: 60, heartbeat_s: 3 },
          },
        ],
      });
      const result = handle.result() as Promise<RunOutcome>;
      result.catch(() => undefined);

      // Both machines evaluate; then the one that does not own the files dies.
      await waitFor(async () => executed(b1) >= 40 && executed(a1) >= 40 && (await rowsOnA()) >= 100, 120_000, 'both machines evaluating and rows on A');
      await kill(b1);
      const b2 = start('B', diskB, 2);
      await waitFor(async () => executed(b2) >= 20 && (await rowsOnA()) >= 300, 120_000, 'the restarted B evaluating');

      // Then the owner dies: nothing is written anywhere while it is down (store activities wait
      // in its queue; B evaluates only until the phase must record or continue-as-new).
      await kill(a1);
      const rowsWhileADown = await rowsOnA();
      await new Promise((r) => setTimeout(r, 6000));
      expect(await rowsOnA()).toBe(rowsWhileADown);
      expect(filesUnder(diskB)).toEqual([]);
      start('A', diskA, 2);

      const outcome = await result;
      expect(outcome.state).toBe('completed');
      expect(outcome.output_dir).toBe(out);

      const { rows, duplicates, skippedLines } = await rowsOf(onA);
      expect(rows).toHaveLength(UNITS);
      expect(uniqueKeys(rows)).toBe(UNITS);
      expect(duplicates).toBe(0);
      expect(skippedLines).toBeLessThanOrEqual(1); // a torn last line from the killed owner at most
      expect(rows.every((r) => r.status !== 'error')).toBe(true);
      // The other machine's disk holds nothing of the run.
      expect(filesUnder(diskB)).toEqual([]);

      const report = jsonOf(onA, 'report.json');
      const arm = report.phases[0].arms.find((x: { arm: string }) => x.arm === 'ref');
      expect(arm.passed + arm.failed + arm.errors).toBe(UNITS);
      expect(arm.passed).toBe(rows.filter((r) => r.status === 'passed').length);

      // No unit was evaluated again once its recorded row existed: every evaluation of a unit
      // started no later than the evaluation that produced its one row.
      const all = started.flatMap((m) => executions(m.trace));
      const recordedAt = new Map(rows.map((r) => [unitKey(r), Date.parse(r.recorded_at)]));
      const late = all.filter((e) => Date.parse(e.started_at) > recordedAt.get(e.key)!);
      expect(late).toEqual([]);
      expect(new Set(all.map((e) => e.key)).size).toBe(UNITS);
      // Both machines did real work, and re-evaluations stayed within what the kills could lose.
      expect(executions(b1.trace).length + executions(b2.trace).length).toBeGreaterThan(60);
      // Each of the two kills loses at most the units in flight on that worker and not yet handed
      // back by a heartbeat: at most CONCURRENCY batches of MAX_BATCH (a bound from the config, not a
      // timing: a tuned number here failed under load).
      expect(all.length - UNITS).toBeLessThanOrEqual(2 * CONCURRENCY * MAX_BATCH);
    } finally {
      for (const m of started) if (m.child.exitCode === null && m.child.signalCode === null) m.child.kill('SIGKILL');
      await Promise.all(started.map((m) => m.exited));
    }
  }, 300_000);

  it('`gauntlet run --store NAME` refuses to start a run whose store no worker serves, and says what to start', async () => {
    const runId = `no-store-${Date.now()}`;
    const queue = uniqueQueue('no-store');
    const cli = gauntlet(['run', 'custom', '--model', 'reference', '--samples', '1', '--store', 'nobody', '--run-id', runId, '--output', path.join(tempDir(), 'run'), '--address', inject('temporalAddress'), '--task-queue', queue], { GAUNTLET_STORE_WAIT_S: '1' });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain(`no worker serves store nobody (task queue ${queue}-store@nobody)`);
    expect(cli.output()).toContain(`gauntlet worker --store nobody --task-queue ${queue}`);
    await expect((await testClient()).workflow.getHandle(`gauntlet-${runId}`).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });
});
