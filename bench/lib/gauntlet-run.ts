import type { RunConfigInput } from '../../config/run-config';
import type { RunOutcome } from '../../workflows/benchmark-run';
import type { Env } from './env';
import { cpuSince, peakRssSampler, treeCpuS } from './proc-stats';
import { tailOf, waitUntil, type Proc } from './procs';
import { startRun, waitForRun } from './run';

export interface MeasuredRun {
  outcome: RunOutcome;
  /** From workflow start to completion (the worker was already polling). */
  wallS: number;
  workerStartS: number;
  workerPeakRssMb: number;
  /** CPU seconds during the timed run, per command: the worker's tree (node, python) and the dev server's. */
  cpuS: { worker: Record<string, number>; server: Record<string, number> };
}

/**
 * One run on one `gauntlet worker` process: the worker boots first (not timed), optionally runs a
 * warm-up run (not timed), then the run is timed from start to completion. The worker's peak RSS (VmHWM) is sampled all along.
 */
export async function measuredRun(
  env: Env,
  o: {
    name: string;
    config: RunConfigInput;
    /**
     * A small run first, not timed, as the bare loop warms its sandbox: a worker's first run pays
     * one-time costs (the workflow bundle's first context, SDK and fetch loading, the suite's first
     * load) that a long-lived worker has behind it.
     */
    warmup?: RunConfigInput;
    /** Called after the warm-up, right before the timed run starts (e.g. to take a counter's baseline). */
    beforeTimed?: () => void;
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
    o.beforeTimed?.();
    const rss = peakRssSampler(worker.pid);
    const serverPid = env.server?.process.pid ?? -1;
    const cpu0 = { worker: treeCpuS(worker.pid), server: treeCpuS(serverPid) };
    const t1 = Date.now();
    await startRun(env.client, queue, o.name, o.config);
    const outcome = await waitForRun(env.client, o.name, o.timeoutMs, o.onTick);
    const wallS = (Date.now() - t1) / 1000;
    const cpuS = { worker: cpuSince(cpu0.worker, treeCpuS(worker.pid)), server: cpuSince(cpu0.server, treeCpuS(serverPid)) };
    return { outcome, wallS, workerStartS, workerPeakRssMb: rss.stop(), cpuS };
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
