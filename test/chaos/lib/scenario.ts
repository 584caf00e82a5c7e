import type { Env } from '../../../bench/lib/env';
import { rowCount, startRun, waitForRun } from '../../../bench/lib/run';
import { sleep } from '../../../bench/lib/procs';
import type { RunOutcome } from '../../../workflows/benchmark-run';
import { faultToggler, mockStats, refusals, type FaultPlan } from './api-faults';
import { ARMS, PHASE, WORKER_ENV, chaosConfig } from './config';
import { checkRun, type Check } from './invariants';
import { WorkerPool } from './pool';
import type { Rng } from './rng';

export interface Size {
  tasks: number;
  samples: number;
}

export interface ScenarioCtx {
  env: Env;
  mockUrl: string;
  rng: Rng;
  ci: boolean;
  size: Size;
  deadlineMs: number;
  /** Appended to run ids, queues and output dirs, so several seeds share one dev server. */
  tag?: string;
  log(msg: string): void;
}

/** What a scenario's strike function works with while the run goes. */
export interface Driver {
  ctx: ScenarioCtx;
  rng: Rng;
  pool: WorkerPool;
  outDir: string;
  runId: string;
  workflowId: string;
  queue: string;
  expected: number;
  ended: boolean;
  tornInjected: number;
  /** Counted figures (kills, restarts...) printed with the invariants. */
  count(name: string, by?: number): void;
  note(name: string, value: string | number): void;
  /** Resolves once `fraction` of the units have rows; false if the run ended first. */
  progress(fraction: number): Promise<boolean>;
}

export interface ScenarioSpec {
  name: string;
  about: string;
  workers: number;
  plans?: FaultPlan[];
  /** Units per arm of the scenario's run; default ARMS x (tasks x samples) of chaosConfig. */
  perArm?(size: Size, ci: boolean): Record<string, number>;
  /** Extra environment of this scenario's workers (e.g. GAUNTLET_FAULT_HOLD). */
  workerEnv?: Record<string, string>;
  /** How the run is started; default: a client start of chaosConfig. Returns the workflow id. */
  start?(d: Driver): Promise<string>;
  strike(d: Driver): Promise<void>;
}

export interface ScenarioReport {
  name: string;
  about: string;
  checks: Check[];
  figures: Record<string, string | number>;
  wallS: number;
  logs: string[];
  error?: string;
}

export async function runScenario(ctx: ScenarioCtx, spec: ScenarioSpec): Promise<ScenarioReport> {
  const t0 = Date.now();
  const { env, mockUrl, size } = ctx;
  const name = ctx.tag ? `${spec.name}-${ctx.tag}` : spec.name;
  const queue = `chaos-${name}`;
  const runId = `chaos-${name}`;
  const outDir = env.outDir(name);
  const figures: Record<string, string | number> = {};
  const pool = new WorkerPool(env, queue, name, { ...WORKER_ENV, ...spec.workerEnv });
  const rng = ctx.rng.fork(spec.name);
  const perArm = spec.perArm?.(size, ctx.ci) ?? Object.fromEntries(ARMS.map((a) => [a, size.tasks * size.samples]));
  const d: Driver = {
    ctx,
    rng,
    pool,
    outDir,
    runId,
    workflowId: runId,
    queue,
    expected: Object.values(perArm).reduce((a, b) => a + b, 0),
    ended: false,
    tornInjected: 0,
    count: (n, by = 1) => void (figures[n] = Number(figures[n] ?? 0) + by),
    note: (n, v) => void (figures[n] = v),
    async progress(fraction) {
      const target = Math.ceil(fraction * d.expected);
      // Bounded by the run: it either produces rows or ends (the run wait has its own deadline).
      while (!d.ended && rowCount(outDir) < target) await sleep(200);
      return !d.ended;
    },
  };
  const report: ScenarioReport = { name: spec.name, about: spec.about, checks: [], figures, wallS: 0, logs: [] };
  await fetch(`${mockUrl}/__reset`, { method: 'POST' });
  for (let i = 0; i < spec.workers; i++) pool.start(i);
  await Promise.all(Array.from({ length: spec.workers }, (_, i) => pool.ready(i)));
  ctx.log(`${spec.name}: ${spec.workers} worker(s) up after ${((Date.now() - t0) / 1000).toFixed(1)} s; ${d.expected} units`);
  const toggler = faultToggler(mockUrl, rng.fork('api-faults'), { plans: spec.plans });
  let outcome: RunOutcome | null = null;
  try {
    d.workflowId = spec.start
      ? await spec.start(d)
      : (await startRun(env.client, queue, runId, chaosConfig({ runId, outDir, tasks: size.tasks, samples: size.samples, mockUrl }))).workflowId;
    const done = waitForRun(env.client, d.workflowId, ctx.deadlineMs).finally(() => (d.ended = true));
    done.catch(() => undefined);
    // A failed expectation inside the strike is a finding; the run is still waited for and checked.
    await spec.strike(d).catch((e: Error) => report.checks.push({ name: 'scenario expectation', figure: e.message.slice(0, 300), ok: false }));
    outcome = await done;
  } catch (e) {
    report.error = (e as Error).message;
  } finally {
    d.ended = true;
    await toggler.stop();
    await pool.closeAll();
  }
  const stats = await mockStats(mockUrl);
  const api429s = refusals(stats);
  figures['fault windows'] = Object.entries(toggler.windows).map(([k, v]) => `${k}×${v}`).join(' ') || 'none';
  figures['API calls / 429s / rate-limited / quota / hangs'] = `${stats.total} / ${stats.faults['429'] ?? 0} / ${stats.rate_limited} / ${stats.faults.quota ?? 0} / ${stats.faults.hang ?? 0}`;
  figures['worker starts'] = pool.starts;
  figures['unplanned worker exits'] = pool.unplannedExits.length;
  report.checks.push(...(await checkRun(outDir, outcome, {
    phase: PHASE,
    perArm,
    tornInjected: d.tornInjected,
    api429s,
  })));
  if (report.error) report.checks.unshift({ name: 'harness', figure: report.error, ok: false });
  if (pool.unplannedExits.length) figures['unplanned exits (detail)'] = pool.unplannedExits.join(' | ');
  report.logs = pool.logs();
  report.wallS = (Date.now() - t0) / 1000;
  return report;
}
