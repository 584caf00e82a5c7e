import type { RunConfigInput } from '../../config/run-config';
import type { RunOutcome } from '../../workflows/benchmark-run';
import type { Env } from './env';
import { cpuSince, peakRssSampler, treeCpuS } from './proc-stats';
import { tailOf, waitUntil, type Proc } from './procs';
import { startRun, waitForRun } from './run';

/** One timed run on the warm worker. */
export interface TimedRun {
  /** The run's workflow id (the first round's is the bench's name, later ones `name-<round>`). */
  workflowId: string;
  outcome: RunOutcome;
  /** From workflow start to completion (the worker was already polling). */
  wallS: number;
  /** CPU seconds during the timed run, per command: the worker's tree (node, python) and the dev server's. */
  cpuS: { worker: Record<string, number>; server: Record<string, number> };
}

export interface MeasuredRun {
  /** The first timed run's, as below; every round's in `rounds`. */
  outcome: RunOutcome;
  /** From workflow start to completion (the worker was already polling). */
  wallS: number;
  workerStartS: number;
  workerPeakRssMb: number;
  /** CPU seconds during the timed run, per command: the worker's tree (node, python) and the dev server's. */
  cpuS: { worker: Record<string, number>; server: Record<string, number> };
  rounds: TimedRun[];
}

/**
 * One run on one `gauntlet worker` process: the worker boots first (not timed), optionally runs a
 * warm-up run (not timed), then the run is timed from start to completion. The worker's peak RSS (VmHWM) is sampled all along.
 * With `rounds` > 1 the timed run is repeated on the same warm worker (config(round) gives each its
 * own run id): on a shared VM one pair of figures minutes apart varies by more than the margin a
 * goal is judged on, so a bench pairs each round with its baseline and reports the median.
 */
export async function measuredRun(
  env: Env,
  o: {
    name: string;
    /** The timed run's config; a function for rounds (each round needs its own run id and output dir). */
    config: RunConfigInput | ((round: number) => RunConfigInput);
    rounds?: number;
    /**
     * A small run first, not timed, as the bare loop warms its sandbox: a worker's first run pays
     * one-time costs (the workflow bundle's first context, SDK and fetch loading, the suite's first
     * load) that a long-lived worker has behind it.
     */
    warmup?: RunConfigInput;
    /** Called after the warm-up, right before each timed run starts (e.g. to take a counter's baseline, or to run the paired baseline). */
    beforeTimed?: (round: number) => void | Promise<void>;
    maxConcurrent?: number;
    workerEnv?: Record<string, string>;
    timeoutMs: number;
    onTick?: () => void;
  },
): Promise<MeasuredRun> {
  const queue = `bench-${o.name}`;
  const t0 = Date.now();
  const worker: Proc = env.worker(`${o.name}-worker`, queue, { maxConcurrent: o.maxConcurrent ?? 64, env: o.workerEnv });
  try {
    await waitUntil(() => worker.done || /worker polling/.test(tailOf(worker.log, 5)), 120_000, 'the worker to poll', 200);
    if (worker.done) throw new Error(`worker exited: ${tailOf(worker.log, 10)}`);
    const workerStartS = (Date.now() - t0) / 1000;
    if (o.warmup) {
      await startRun(env.client, queue, `${o.name}-warmup`, o.warmup);
      await waitForRun(env.client, `${o.name}-warmup`, o.timeoutMs);
    }
    const rss = peakRssSampler(worker.pid);
    const serverPid = env.server?.process.pid ?? -1;
    const rounds: TimedRun[] = [];
    for (let round = 0; round < (o.rounds ?? 1); round++) {
      await o.beforeTimed?.(round);
      const config = typeof o.config === 'function' ? o.config(round) : o.config;
      const workflowId = round === 0 ? o.name : `${o.name}-${round}`;
      const cpu0 = { worker: treeCpuS(worker.pid), server: treeCpuS(serverPid) };
      const t1 = Date.now();
      await startRun(env.client, queue, workflowId, config);
      const outcome = await waitForRun(env.client, workflowId, o.timeoutMs, o.onTick);
      const wallS = (Date.now() - t1) / 1000;
      rounds.push({ workflowId, outcome, wallS, cpuS: { worker: cpuSince(cpu0.worker, treeCpuS(worker.pid)), server: cpuSince(cpu0.server, treeCpuS(serverPid)) } });
    }
    const { workflowId: _id, ...first } = rounds[0]!;
    return { ...first, workerStartS, workerPeakRssMb: rss.stop(), rounds };
  } finally {
    await worker.stop('SIGTERM', 20_000);
  }
}

/** History length of every execution of a workflow id (a continue-as-new chain has several). */
export async function historyLengths(env: Env, workflowId: string): Promise<{ runId: string; status: string; events: number }[]> {
  const out: { runId: string; status: string; events: number }[] = [];
  for await (const w of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    let events = w.historyLength;
    // Visibility may not carry the length (older servers): count the history itself.
    if (!events) events = (await env.client.workflow.getHandle(workflowId, w.runId).fetchHistory()).events?.length ?? 0;
    out.push({ runId: w.runId, status: w.status.name, events });
  }
  return out;
}
