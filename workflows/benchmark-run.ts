import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  isCancellation,
  patched,
  setHandler,
  sleep,
  startChild,
  TerminatedFailure,
  TimeoutFailure,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import { formatZodError, normalizeRunInput, RunInputSchema, type Phase, type RunConfig } from '../config/run-config';
import type { PhaseContext, PhaseResult } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import { cancelSignal, pauseSignal, phaseProgressSignal, progressQuery, resumeSignal, type PhaseProgress, type RunProgress } from '../contract/messages';
import { runPhase } from './run-phase';
import { RUN_ID_ATTR, STATE_ATTR } from '../contract/search-attributes';
import { storeQueueOf } from '../contract/store';
import { storeActivities } from './store-activities';

export interface RunOutcome {
  run_id: string;
  workflow_id: string;
  output_dir: string;
  state: 'completed' | 'cancelled' | 'failed' | 'exhausted';
  phases: { name: string; state: string; attempts: number; message?: string }[];
  report: { md?: string; json?: string; html?: string };
}

const NON_RETRYABLE = [FAILURE.invalidConfig];
type StoreActivities = ReturnType<typeof storeActivities>;

/**
 * A benchmark run: its phases in order, each a child workflow, under the 3-strike rule.
 * Completed phases (from run.json) are skipped, so a resumed run picks up where it stopped.
 */
export async function benchmarkRun(rawInput: unknown): Promise<RunOutcome> {
  const parsed = RunInputSchema.safeParse(normalizeRunInput(rawInput));
  if (!parsed.success) {
    throw ApplicationFailure.create({ type: FAILURE.invalidConfig, message: formatZodError(parsed.error, 'benchmarkRun input'), nonRetryable: true });
  }
  const { config, resume } = parsed.data;
  const info = workflowInfo();
  const run_id = config.run_id ?? info.workflowId.replace(/[^A-Za-z0-9_.-]/g, '_');
  // The run's files live where its store is: every file activity goes to that machine's queue.
  const store_queue = config.store ? storeQueueOf(info.taskQueue, config.store) : undefined;
  const store = storeActivities(store_queue, NON_RETRYABLE);
  const { prepareRun, markPhase, finalizeRun } = store;

  const prep = await prepareRun({ config, run_id, workflow_id: info.workflowId, resume });
  const progress: RunProgress = {
    run_id,
    workflow_id: info.workflowId,
    output_dir: prep.output_dir,
    state: 'running',
    phases: config.phases.map((p) => ({
      name: p.name,
      kind: p.kind,
      state: prep.completed_phases.includes(p.name) ? 'completed' : 'pending',
      attempt: 0,
      arms: {},
      eta_s: null,
      waits: { count: 0, total_s: 0 },
      paused: false,
      deferred: 0,
    })),
    current_phase: null,
    current_phase_workflow_id: null,
  };
  let paused = false;
  let cancelRequested = false;
  let child: ChildWorkflowHandle<typeof runPhase> | null = null;
  const phaseAttempts: Record<string, { attempts: number; message?: string }> = {};

  const setState = (s: RunProgress['state']) => {
    progress.state = s;
    upsertSearchAttributes([{ key: STATE_ATTR, value: s }]);
  };
  upsertSearchAttributes([{ key: RUN_ID_ATTR, value: run_id }]);
  setState('running');

  setHandler(progressQuery, () => progress);
  // Phases report counters; their state is the parent's to say (a late signal must not undo "completed").
  setHandler(phaseProgressSignal, (p: PhaseProgress) => {
    const view = progress.phases.find((x) => x.name === p.name);
    if (!view || view.state !== 'running' || p.attempt !== view.attempt) return;
    Object.assign(view, { arms: p.arms, eta_s: p.eta_s, waits: p.waits, paused: p.paused, deferred: p.deferred });
  });
  const forward = (sig: typeof pauseSignal | typeof resumeSignal | typeof cancelSignal) => {
    child?.signal(sig).catch(() => undefined); // the phase may be finishing; its successor starts in the right state
  };
  setHandler(pauseSignal, () => {
    paused = true;
    if (!cancelRequested) setState('paused');
    forward(pauseSignal);
  });
  setHandler(resumeSignal, () => {
    paused = false;
    if (!cancelRequested) setState('running');
    forward(resumeSignal);
  });
  setHandler(cancelSignal, () => {
    cancelRequested = true;
    setState('cancelling');
    forward(cancelSignal);
  });

  let runState: RunOutcome['state'] = 'completed';
  let budgetLeft = config.budget_usd;
  try {
    for (const [index, phase] of config.phases.entries()) {
      const view = progress.phases[index]!;
      if (view.state === 'completed') continue;
      if (cancelRequested || runState === 'exhausted') {
        view.state = cancelRequested ? 'cancelled' : 'pending';
        await markPhase({ output_dir: prep.output_dir, name: phase.name, state: view.state, attempts: 0, message: 'not started: the run stopped before this phase' });
        continue;
      }
      await condition(() => !paused || cancelRequested);
      progress.current_phase = phase.name;
      const result = await runWithStrikes(phase, config, { run_id, output_dir: prep.output_dir, store_queue }, store, {
        get paused() {
          return paused;
        },
        get cancelRequested() {
          return cancelRequested;
        },
        budgetLeft,
        onChild: (h, attempt) => {
          child = h;
          progress.current_phase_workflow_id = h?.workflowId ?? null;
          view.attempt = attempt;
          view.state = h ? 'running' : view.state;
        },
      });
      phaseAttempts[phase.name] = { attempts: result.attempts, message: result.message };
      view.state = result.state;
      if (Object.keys(result.counters).length) view.arms = result.counters;
      view.eta_s = null;
      if (budgetLeft !== undefined) budgetLeft = Math.max(0, budgetLeft - result.cost_usd);
      if (result.state === 'exhausted' || result.state === 'budget') runState = 'exhausted';
      if (result.state === 'cancelled') cancelRequested = true;
    }
    progress.current_phase = null;
    if (cancelRequested) runState = 'cancelled';
    else if (runState !== 'exhausted' && progress.phases.some((p) => p.state === 'failed' || p.state === 'fatal')) runState = 'failed';
  } catch (err) {
    if (!isCancellation(err)) throw err;
    // A Temporal cancel request: the partial report is still written (non-cancellable cleanup).
    runState = 'cancelled';
    for (const v of progress.phases) if (v.state === 'running') v.state = 'cancelled';
    await CancellationScope.nonCancellable(() => finalizeRun({ output_dir: prep.output_dir, state: 'cancelled' }));
    setState('cancelled');
    throw err;
  }
  const report = await finalizeRun({ output_dir: prep.output_dir, state: runState });
  setState(runState);
  const outcome: RunOutcome = {
    run_id,
    workflow_id: info.workflowId,
    output_dir: prep.output_dir,
    state: runState,
    phases: progress.phases.map((p) => ({ name: p.name, state: p.state, attempts: phaseAttempts[p.name]?.attempts ?? 0, message: phaseAttempts[p.name]?.message })),
    report,
  };
  // A run with nothing to show must not look green in the workflow list: once its report is
  // written it ends as a failed workflow, the outcome (report paths, phase messages) in the details.
  if (runState === 'failed' && progress.phases.every((p) => p.state === 'failed' || p.state === 'fatal') && patched(PATCH_ALL_FAILED_FAILS_WORKFLOW)) {
    throw ApplicationFailure.create({
      type: FAILURE.runFailed,
      nonRetryable: true,
      message: `every phase of run ${run_id} failed: ${outcome.phases.map((p) => `${p.name} ${p.state}${p.message ? ` (${p.message.slice(0, 300)})` : ''}`).join('; ')}; report: ${report.md ?? report.json ?? report.html ?? 'none'}`,
      details: [outcome],
    });
  }
  return outcome;
}

/** Histories recorded before an all-failed run failed its workflow replay as they ran (completed). */
const PATCH_ALL_FAILED_FAILS_WORKFLOW = 'all-phases-failed-fails-workflow';

interface StrikeControl {
  readonly paused: boolean;
  readonly cancelRequested: boolean;
  budgetLeft?: number;
  onChild(h: ChildWorkflowHandle<typeof runPhase> | null, attempt: number): void;
}

/** The 3-strike rule: a failed attempt is logged to crash_log.json, waited out on a durable timer, and retried. */
async function runWithStrikes(
  phase: Phase,
  config: RunConfig,
  where: Pick<PhaseContext, 'run_id' | 'output_dir' | 'store_queue'>,
  { markPhase, recordCrash }: StoreActivities,
  ctl: StrikeControl,
): Promise<PhaseResult & { attempts: number }> {
  const { run_id, output_dir, store_queue } = where;
  const ctx: PhaseContext = { run_id, output_dir, phase, retry: config.retry, cache: config.cache, ...(store_queue ? { store_queue } : {}) };
  const max = config.retry.phase_max_attempts;
  let lastMessage = '';
  for (let attempt = 1; attempt <= max; attempt++) {
    await markPhase({ output_dir, name: phase.name, state: 'running', attempts: attempt });
    const t0 = Date.now();
    try {
      const handle = await startChild(runPhase, {
        workflowId: `${workflowInfo().workflowId}/${phase.name}/attempt-${attempt}`,
        args: [{ ctx, attempt, parent_workflow_id: workflowInfo().workflowId, backoff: config.backoff, budget_usd: ctl.budgetLeft, paused: ctl.paused }],
        staticSummary: `phase ${phase.name} (${phase.kind}), attempt ${attempt} of ${max}`,
      });
      ctl.onChild(handle, attempt);
      if (ctl.cancelRequested) await handle.signal(cancelSignal);
      const result = await handle.result();
      ctl.onChild(null, attempt);
      await markPhase({ output_dir, name: phase.name, state: result.state, attempts: attempt, message: result.message });
      return { ...result, attempts: attempt };
    } catch (err) {
      ctl.onChild(null, attempt);
      if (isCancellation(err)) throw err;
      lastMessage = describeFailure(err);
      await recordCrash({
        output_dir,
        phase: phase.name,
        attempt,
        exit_code: exitCodeOf(err),
        duration_seconds: (Date.now() - t0) / 1000,
        stderr_tail: lastMessage,
        ctx,
      });
      if (attempt < max && !ctl.cancelRequested) {
        await markPhase({ output_dir, name: phase.name, state: 'running', attempts: attempt, message: `attempt ${attempt} failed: ${lastMessage}; retrying in ${config.retry.strike_delay_s} s` });
        await sleep(config.retry.strike_delay_s * 1000);
      } else {
        await markPhase({ output_dir, name: phase.name, state: 'failed', attempts: attempt, message: `failed ${attempt} times; last: ${lastMessage}` });
        return { name: phase.name, state: 'failed', message: lastMessage, counters: {}, waits: { count: 0, total_s: 0 }, cost_usd: 0, attempts: attempt };
      }
    }
  }
  throw new Error('unreachable: the strike loop always returns');
}

function rootCause(err: unknown): unknown {
  let e = err as { cause?: unknown } | undefined;
  while (e && typeof e === 'object' && e.cause) e = e.cause as { cause?: unknown };
  return e;
}

function describeFailure(err: unknown): string {
  const root = rootCause(err) as Error | undefined;
  const type = root instanceof ApplicationFailure && root.type ? `${root.type}: ` : '';
  return `${type}${root?.message ?? String(err)}`.slice(-2000);
}

/** Crash-log exit codes, as a shell would report the phase process: 124 timeout, 143 terminated, 1 failure. */
function exitCodeOf(err: unknown): number {
  if (err instanceof ChildWorkflowFailure) {
    if (err.cause instanceof TimeoutFailure) return 124;
    if (err.cause instanceof TerminatedFailure) return 143;
    const root = rootCause(err);
    if (root instanceof TimeoutFailure) return 124;
  }
  return 1;
}
