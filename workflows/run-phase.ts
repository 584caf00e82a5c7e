import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  executeChild,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type * as activities from '../activities';
import type { RunConfig } from '../config/run-config';
import type { PhaseState } from '../config/run-record';
import type { BatchOutcome, PhaseContext, PhasePlan, PhaseResult, UnitOutcome } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import {
  cancelSignal,
  emptyCounters,
  episodeBlockedSignal,
  pauseSignal,
  phaseProgressQuery,
  phaseProgressSignal,
  providerHoldSignal,
  resumeSignal,
  type ArmCounters,
  type PhaseProgress,
  type ProviderHold,
} from '../contract/messages';
import { Bitset } from '../contract/bitset';
import { ProviderGates } from './provider-gates';
import { unitOptionsOf, unitQueuesOf } from './unit-options';
import { storeActivities } from './store-activities';
import { RowRecorder } from './row-recorder';
import { episodeWorkflow } from './episode';

export interface PhaseWorkflowInput {
  ctx: PhaseContext;
  attempt: number;
  parent_workflow_id?: string;
  backoff: RunConfig['backoff'];
  /** What is left of the run's budget when this phase starts. */
  budget_usd?: number;
  paused?: boolean;
  carry?: PhaseCarry;
}

/** The only state that crosses continue-as-new: a cursor, small queues and counters. Rows live in the store. */
interface PhaseCarry {
  cursor: number;
  retry_queue: number[];
  gates: ReturnType<ProviderGates['snapshot']>;
  waits: { count: number; total_s: number; exhausted_s: number };
  cancel_requested: boolean;
  started_at_ms: number;
  processed: number;
  errors: number;
  cost_usd: number;
  /** Units a batch handed back: they run alone (absent in carries from before batches). */
  unbatched: number[];
  batch_ms_per_unit?: number | null;
  /** The same for model-bound units (absent before pooled batches). */
  llm_ms_per_unit?: number | null;
}

/** Batches are sized to about this much work, so per-activity overhead is small and a lost worker loses little. */
const BATCH_TARGET_MS = 1000;
const FIRST_BATCH = 8;
/** Phase configs recorded before `max_batch` existed. */
const DEFAULT_MAX_BATCH = 64;
const PATCH_UNIT_BATCHES = 'unit-batches';
/** Model-bound units share an activity, evaluated side by side (histories before it: one such unit per activity). */
const PATCH_LLM_BATCHES = 'llm-batches';
/**
 * Units of a concurrent (model-bound) batch. Each still holds one of the phase's `concurrency` slots
 * and one of its provider's, so the calls in flight are bounded as before; a batch ends with its
 * slowest unit, so it stays small.
 */
const LLM_BATCH = 8;
/**
 * Pooled model batches: a batch of `width` slots takes up to `depth` units per slot, the next unit
 * starting in the activity as one ends (no workflow round trip per unit, no wait for the slowest
 * of a group). Depth sizes a batch to about this much time, so pause and cancel still act within
 * seconds and a slow model (one call > this) keeps one unit per slot.
 */
const LLM_BATCH_TARGET_MS = 5000;
const PATCH_LLM_BATCH_POOL = 'llm-batch-pool';
const PATCH_EPISODES = 'agentic-episodes';
/** Unit activities return their rows and the phase records them on the store queue (histories before it: units record where they run). */
const PATCH_STORE_ROWS = 'store-rows';
/** Phases recorded before they told their in-flight episodes of a provider hold. */
const PATCH_EPISODE_HOLD = 'episode-provider-hold';

/** Hard ceiling besides the server's suggestion: continue-as-new long before the 51,200-event limit. */
const MAX_HISTORY_EVENTS = 20_000;
/**
 * Progress signals cost the parent ~4 history events each and the parent does not continue-as-new,
 * so they are sparse (≥ 15 s apart, only when something changed: ~2 days of a running phase before
 * the parent nears the history limit). Live counters come from querying the phase (`gauntlet status`).
 */
const PROGRESS_SIGNAL_INTERVAL_MS = 15_000;
/** An error-rate verdict needs a few units to mean anything. */
const MIN_UNITS_FOR_ERROR_RATE = 5;

const NON_RETRYABLE = [FAILURE.suiteData, FAILURE.invalidConfig, FAILURE.fatal];

/**
 * One phase attempt: dispatches the phase's units as activities with bounded, per-provider
 * adaptive concurrency; rate limits and usage exhaustion hold a provider on a durable timer
 * and put the unit back in the queue (no row is written for them).
 */
export async function runPhase(input: PhaseWorkflowInput): Promise<PhaseResult> {
  const { ctx, backoff } = input;
  const phase = ctx.phase;
  const carry: PhaseCarry = input.carry ?? {
    cursor: 0,
    retry_queue: [],
    gates: { gates: {} },
    waits: { count: 0, total_s: 0, exhausted_s: 0 },
    cancel_requested: false,
    started_at_ms: Date.now(),
    processed: 0,
    errors: 0,
    cost_usd: 0,
    unbatched: [],
  };
  carry.unbatched ??= [];
  let paused = input.paused ?? false;
  let wake = false;
  let fatal: string | null = null;
  let exhaustedHit = false;
  let budgetHit = false;
  const { planPhase, recordUnitError, finishPhase, recordWait, recordRows } = storeActivities(ctx.store_queue, NON_RETRYABLE);

  let plan: PhasePlan;
  try {
    plan = await planPhase(ctx);
  } catch (err) {
    // Bad input (a missing or invalid data file, unknown ids) fails the same way every time:
    // the phase ends `fatal` at once instead of spending the 3 strikes on it.
    const message = inputErrorOf(err);
    if (message !== null && patched(PATCH_PLAN_INPUT_ERROR_IS_FATAL)) {
      return { name: phase.name, state: 'fatal', message, counters: {}, waits: { count: 0, total_s: 0 }, cost_usd: 0 };
    }
    throw err;
  }
  // Plans recorded before the kinds said their own unit timeout carry none: the phase's then.
  const unitOptions = unitOptionsOf(plan.unit_timeout_s ?? phase.timeouts.unit_s, ctx);
  const units = proxyActivities<typeof activities>(unitOptions);
  // Units of an arm that needs an environment or a provider key run only where that is (capability queues).
  const queueOf = unitQueuesOf(plan);
  const done = Bitset.fromBase64(plan.done_bitmap, plan.units_total);
  const S = plan.samples_per_task;
  const A = plan.arms.length;
  const armOf = (u: number) => Math.floor(u / S) % A;
  const providerOf = (u: number) => plan.providers[armOf(u)]!;
  const counters: Record<string, ArmCounters> = plan.counters;
  const gates = ProviderGates.restore(carry.gates, backoff, phase.concurrency, maxConcurrencyByProvider(input, plan));
  /** Activities in flight (a batch is one): the phase's concurrency bounds these. */
  let inflight = 0;
  // Histories from before batches replay as they ran: one unit per activity.
  const batching = patched(PATCH_UNIT_BATCHES);
  // Agentic units are episode child workflows; plans from before them carry no `episodes` and take no marker.
  const episodes = plan.episodes === true && patched(PATCH_EPISODES);
  const batchable = (u: number) => batching && (plan.batchable?.[armOf(u)] ?? false);
  const llmBatching = batching && !episodes && patched(PATCH_LLM_BATCHES);
  const llmBatchable = (u: number) => llmBatching && !batchable(u);
  const llmPool = llmBatching && patched(PATCH_LLM_BATCH_POOL);
  let llmMsPerUnit = carry.llm_ms_per_unit ?? null;
  /** Model batches in flight: when each is expected to end (dispatch + depth x unit time) and the slots it holds. */
  const llmInFlight = new Map<number, { endMs: number; slots: number }>();
  let llmBatchSeq = 0;
  /**
   * Units per slot of the next pooled batch: about LLM_BATCH_TARGET_MS of work, and no more than
   * keeps it ending with the rest: the slot-time still owed by batches in flight plus the units
   * left, spread over the phase's slots. So the last seconds of a phase use every slot instead of
   * waiting on a few deep batches.
   */
  const llmDepth = (): number => {
    if (!llmPool || llmMsPerUnit === null) return 1;
    const ms = Math.max(llmMsPerUnit, 1);
    const now = Date.now();
    let owedMs = 0;
    for (const b of llmInFlight.values()) owedMs += Math.max(0, b.endMs - now) * b.slots;
    const left = plan.units_total - carry.cursor + carry.retry_queue.length;
    const drainMs = (owedMs + left * ms) / phase.concurrency;
    return Math.max(1, Math.min(Math.floor(LLM_BATCH_TARGET_MS / ms), Math.round(drainMs / ms)));
  };
  // Units hand their rows back; the recorder writes them on the store queue, one call in flight.
  const returnRows = patched(PATCH_STORE_ROWS) ? { return_rows: true } : {};
  const recorder = new RowRecorder((rows) => recordRows({ ctx, rows }), () => (wake = true));
  /** A unit's outcome: its row (if it brought one) goes to the recorder, its counts to the phase. */
  const arrived = (o: UnitOutcome) => {
    const { row, ...outcome } = o;
    if (row) recorder.add(row);
    settle(outcome);
  };
  /** Mean milliseconds per unit of recent batches (EWMA), which sizes the next batch to about BATCH_TARGET_MS. */
  let msPerUnit = carry.batch_ms_per_unit ?? null;
  const maxBatch = phase.max_batch ?? DEFAULT_MAX_BATCH;
  const batchSize = () => Math.min(maxBatch, msPerUnit === null ? FIRST_BATCH : Math.max(1, Math.floor(BATCH_TARGET_MS / Math.max(msPerUnit, 0.1))));

  const progress = (): PhaseProgress => {
    const totals = Object.values(counters).reduce((a, c) => a + c.done, 0);
    const elapsed = (Date.now() - carry.started_at_ms) / 1000;
    const rate = carry.processed > 0 && elapsed > 0 ? carry.processed / elapsed : 0;
    return {
      name: phase.name,
      kind: phase.kind,
      state: 'running',
      attempt: input.attempt,
      arms: counters,
      eta_s: rate > 0 ? Math.round((plan.units_total - totals) / rate) : null,
      waits: { count: carry.waits.count, total_s: carry.waits.total_s },
      paused,
      deferred: carry.retry_queue.length,
    };
  };
  let lastSignalAt = 0;
  let processedAtLastSignal = -1;
  const reportToParent = (force = false, state?: PhaseState) => {
    if (!input.parent_workflow_id) return;
    if (!force && (Date.now() - lastSignalAt < PROGRESS_SIGNAL_INTERVAL_MS || carry.processed === processedAtLastSignal)) return;
    lastSignalAt = Date.now();
    processedAtLastSignal = carry.processed;
    const p = progress();
    if (state) p.state = state;
    getExternalWorkflowHandle(input.parent_workflow_id)
      .signal(phaseProgressSignal, p)
      .catch(() => undefined); // the parent may be closing; progress is best-effort
  };

  setHandler(phaseProgressQuery, progress);
  setHandler(pauseSignal, () => {
    paused = true;
    wake = true;
  });
  setHandler(resumeSignal, () => {
    paused = false;
    wake = true;
  });
  setHandler(cancelSignal, () => {
    carry.cancel_requested = true;
    wake = true;
  });

  // A full recorder (the store is slow or its machine is down) holds dispatch: rows wait in this workflow only up to its bound.
  const stopDispatch = () => paused || carry.cancel_requested || fatal !== null || exhaustedHit || budgetHit || recorder.full() || shouldContinueAsNew();
  const stopForGood = () => carry.cancel_requested || fatal !== null || exhaustedHit || budgetHit;

  /** The next unit that may start now: deferred units first, then the cursor. */
  const nextUnit = (): number | undefined => {
    for (let i = 0; i < carry.retry_queue.length; i++) {
      const u = carry.retry_queue[i]!;
      if (gates.canStart(providerOf(u))) {
        carry.retry_queue.splice(i, 1);
        return u;
      }
    }
    while (carry.cursor < plan.units_total) {
      const u = carry.cursor;
      if (done.has(u)) {
        carry.cursor++;
        continue;
      }
      const p = providerOf(u);
      if (gates.canStart(p)) {
        carry.cursor++;
        return u;
      }
      // A held provider must not block the others: set its unit aside, within bounds.
      if (gates.isHeld(p) && carry.retry_queue.length < 2 * phase.concurrency) {
        carry.retry_queue.push(u);
        carry.cursor++;
        continue;
      }
      return undefined;
    }
    return undefined;
  };

  const settle = (o: UnitOutcome) => {
    const c = (counters[o.arm] ??= emptyCounters());
    c.done++;
    if (o.status === 'passed') c.passed++;
    else if (o.status === 'failed') c.failed++;
    else c.errors++;
    c.cost_usd += o.cost_usd;
    c.tokens_in += o.tokens_in;
    c.tokens_out += o.tokens_out;
    carry.processed++;
    if (o.status === 'error') carry.errors++;
    carry.cost_usd += o.cost_usd;
    if (input.budget_usd !== undefined && carry.cost_usd >= input.budget_usd) budgetHit = true;
  };

  /** Episodes running now (child workflows), and those the phase stopped (they end without a row). */
  const runningEpisodes = new Set<number>();
  const stoppedEpisodes = new Set<number>();
  /** recordWait activities started from a signal handler: the phase does not end before they do. */
  let recording = 0;
  const episodeId = (u: number) => `${workflowInfo().workflowId}-episode-${u}`;
  const tellEpisode = (u: number, h: ProviderHold) => {
    if ('stop' in h) stoppedEpisodes.add(u);
    getExternalWorkflowHandle(episodeId(u))
      .signal(providerHoldSignal, h)
      .catch(() => undefined); // the episode may have just ended; it then needs no word
  };

  /**
   * Holds provider `p` on a rate limit or usage exhaustion, the same for a unit's failure and an
   * episode's report: one wait per hold, recorded and counted toward max_total_wait_s. Running
   * episodes of `p` (but `except`, which is answered by its caller) learn when the hold ends, or
   * that the phase stops. Resolves when the wait is recorded (undefined: no new hold).
   */
  const holdProvider = (p: string, type: 'rate_limited' | 'exhausted', retryAfterMs: number | undefined, except?: number): Promise<void> | undefined => {
    const wait = gates.hold(p, type, retryAfterMs);
    if (!wait) return undefined;
    carry.waits.count++;
    carry.waits.total_s += wait.seconds;
    if (type === FAILURE.exhausted) carry.waits.exhausted_s += wait.seconds;
    if (type === FAILURE.exhausted && carry.waits.exhausted_s > backoff.max_total_wait_s) {
      exhaustedHit = true;
      log.warn('usage exhaustion outlasted max_total_wait_s', { phase: phase.name, provider: p });
    }
    if (runningEpisodes.size > 0 && patched(PATCH_EPISODE_HOLD)) {
      const h = holdAnswer(p);
      for (const u of runningEpisodes) if (u !== except && providerOf(u) === p) tellEpisode(u, h);
    }
    return recordWait({ output_dir: ctx.output_dir, event: { phase: phase.name, provider: p, failure_class: type, started_at: new Date().toISOString(), wait_s: wait.seconds } });
  };
  const holdAnswer = (p: string): ProviderHold => (exhaustedHit ? { stop: `usage exhaustion of ${p} lasted past ${backoff.max_total_wait_s} s of waiting` } : { until_ms: gates.heldUntil(p) });

  // An episode met a rate limit or quota: the provider is held as for a unit, the episode waits it out.
  setHandler(episodeBlockedSignal, (b) => {
    const p = providerOf(b.unit);
    const recorded = holdProvider(p, b.failure_class, b.retry_after_ms, b.unit);
    if (recorded) {
      recording++;
      void recorded.finally(() => {
        recording--;
        wake = true;
      });
    }
    const h = holdAnswer(p);
    tellEpisode(b.unit, 'stop' in h ? h : { ...h, ack: b.seq });
    wake = true;
  });

  /** A unit met a rate limit or exhaustion: no row; its provider is held and the unit queued again. */
  const limitedBy = async (u: number, type: 'rate_limited' | 'exhausted', retryAfterMs: number | undefined) => {
    const recorded = holdProvider(providerOf(u), type, retryAfterMs);
    carry.retry_queue.push(u);
    if (recorded) await recorded;
  };

  const onFailure = async (u: number, err: unknown) => {
    const p = providerOf(u);
    const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    const type = app?.type;
    if (type === FAILURE.rateLimited || type === FAILURE.exhausted) {
      const retryAfterMs = (app?.details?.[0] as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      await limitedBy(u, type, retryAfterMs);
      return;
    }
    if (type === FAILURE.fatal || type === FAILURE.suiteData) {
      fatal ??= app?.message ?? String(err);
      return;
    }
    const kind = type ?? (err instanceof ActivityFailure ? err.cause?.name ?? 'ActivityFailure' : 'unknown');
    const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
    settle(await recordUnitError({ ctx, unit: u, error_kind: kind, message }));
  };

  const dispatch = (u: number) => {
    const p = providerOf(u);
    inflight++;
    gates.started(p);
    const t = Math.floor(u / (S * A));
    const summary = `${phase.name}: ${plan.task_ids[t] ?? `task ${t}`} · ${plan.arms[armOf(u)]} · sample ${u % S}`;
    if (episodes) runningEpisodes.add(u);
    const run: Promise<UnitOutcome> = episodes
      ? executeChild(episodeWorkflow, { workflowId: `${workflowInfo().workflowId}-episode-${u}`, staticSummary: summary, args: [{ ctx, unit: u, backoff }] })
      : units.runUnit.executeWithOptions({ ...unitOptions, ...queueOf(armOf(u)), summary }, [{ ctx, unit: u, ...returnRows }]);
    run
      .then((o) => {
        gates.succeeded(p);
        arrived(o);
      })
      .catch((err) => {
        if (isCancellation(err)) return;
        // An episode the phase stopped ends without a row; the phase is ending `exhausted`.
        if (stoppedEpisodes.has(u)) return;
        // An episode's failure arrives wrapped: its cause is the step's ActivityFailure.
        return onFailure(u, err instanceof ChildWorkflowFailure && err.cause ? err.cause : err);
      })
      .finally(() => {
        runningEpisodes.delete(u);
        gates.finished(p);
        inflight--;
        wake = true;
        reportToParent();
      });
  };

  /** Consecutive units after `first` that may share its activity (`fits`), up to `size` (no provider gate holds them). */
  const takeBatch = (first: number, size: number, fits: (u: number) => boolean): number[] => {
    const batch = [first];
    while (batch.length < size && carry.retry_queue.length === 0 && carry.cursor < plan.units_total) {
      const u = carry.cursor;
      if (done.has(u)) {
        carry.cursor++;
        continue;
      }
      if (!fits(u) || providerOf(u) !== providerOf(first)) break;
      carry.cursor++;
      batch.push(u);
    }
    return batch;
  };

  /** A batch's activity; a concurrent one holds a phase and a provider slot per unit in flight (`width`), a sequential one a single slot. */
  const dispatchBatch = (batch: number[], concurrent = false, width?: number) => {
    const p = providerOf(batch[0]!);
    const slots = concurrent ? Math.min(width ?? batch.length, batch.length) : 1;
    inflight += slots;
    const seq = llmBatchSeq++;
    if (concurrent && llmMsPerUnit !== null) llmInFlight.set(seq, { endMs: Date.now() + Math.ceil(batch.length / slots) * llmMsPerUnit, slots });
    for (let i = 0; i < slots; i++) gates.started(p);
    const summary = `${phase.name}: ${batch.length} units from ${plan.task_ids[Math.floor(batch[0]! / (S * A))] ?? 'start'}`;
    units.runUnits
      .executeWithOptions({ ...unitOptions, ...queueOf(armOf(batch[0]!)), summary }, [{ ctx, units: batch, ...returnRows, ...(concurrent ? { concurrent } : {}), ...(width !== undefined ? { width } : {}) }])
      .then(async (r: BatchOutcome) => {
        if (concurrent) {
          // Per unit, as if each had run alone: successes first, then the holds (a neighbour's success must not reset a fresh backoff).
          for (const o of r.outcomes) {
            gates.succeeded(p);
            arrived(o);
          }
          carry.retry_queue.push(...r.deferred);
          carry.unbatched.push(...r.deferred);
          // Not started because the provider was held meanwhile: queued again, still batchable.
          carry.retry_queue.push(...(r.unstarted ?? []));
          const called = r.outcomes.filter((o) => (o.duration_ms ?? 0) > 0);
          if (called.length) {
            const mean = called.reduce((a, o) => a + o.duration_ms!, 0) / called.length;
            llmMsPerUnit = llmMsPerUnit === null ? mean : 0.7 * llmMsPerUnit + 0.3 * mean;
          }
          await Promise.all((r.limited ?? []).map((l) => limitedBy(l.unit, l.failure_class, l.retry_after_ms)));
          return;
        }
        gates.succeeded(p);
        for (const o of r.outcomes) arrived(o);
        const worked = r.outcomes.filter((o) => (o.duration_ms ?? 0) > 0);
        if (worked.length) {
          const mean = worked.reduce((a, o) => a + o.duration_ms!, 0) / worked.length;
          msPerUnit = msPerUnit === null ? mean : 0.7 * msPerUnit + 0.3 * mean;
        }
        // A unit that threw runs again alone, with the single-unit failure handling.
        carry.retry_queue.push(...r.deferred);
        carry.unbatched.push(...r.deferred);
      })
      .catch(async (err) => {
        if (isCancellation(err)) return;
        // The batch's retries ran out (or bad data): each unit not yet recorded goes the single-unit way.
        for (const u of batch) await onFailure(u, err);
      })
      .finally(() => {
        llmInFlight.delete(seq);
        for (let i = 0; i < slots; i++) gates.finished(p);
        inflight -= slots;
        wake = true;
        reportToParent();
      });
  };

  /** Starts the next unit, or a batch of them when they may share an activity. */
  const start = (u: number) => {
    const i = carry.unbatched.indexOf(u);
    if (i >= 0) carry.unbatched.splice(i, 1);
    if (i < 0 && batchable(u)) dispatchBatch(takeBatch(u, batchSize(), batchable));
    else if (i < 0 && llmBatchable(u)) {
      // A lone model-bound unit runs as runUnit: its failures keep their retry policy (a batch hands them back to run alone).
      const width = Math.min(LLM_BATCH, maxBatch, phase.concurrency - inflight, gates.room(providerOf(u)));
      const depth = llmDepth();
      const batch = takeBatch(u, Math.min(maxBatch, width * depth), llmBatchable);
      if (batch.length > 1) dispatchBatch(batch, true, depth > 1 ? width : undefined);
      else dispatch(u);
    } else dispatch(u);
  };

  reportToParent(true);
  for (;;) {
    if (!stopDispatch()) {
      while (inflight < phase.concurrency) {
        const u = nextUnit();
        if (u === undefined) break;
        start(u);
      }
    }
    recorder.throwIfFailed();
    // Drained: no unit in flight and every returned row recorded (before continue-as-new and the phase's end).
    const drained = inflight === 0 && recorder.idle() && recording === 0;
    const allDone = carry.cursor >= plan.units_total && carry.retry_queue.length === 0;
    if (drained && (allDone || stopForGood())) break;
    if (drained && shouldContinueAsNew()) {
      await continueAsNew<typeof runPhase>({ ...input, paused, carry: { ...carry, gates: gates.snapshot(), batch_ms_per_unit: msPerUnit, ...(llmPool ? { llm_ms_per_unit: llmMsPerUnit } : {}) } });
    }
    wake = false;
    const holdMs = paused ? undefined : gates.msUntilNextRelease();
    if (holdMs !== undefined) await condition(() => wake, holdMs);
    else await condition(() => wake);
  }

  const state: PhaseState = fatal ? 'fatal' : carry.cancel_requested ? 'cancelled' : exhaustedHit ? 'exhausted' : budgetHit ? 'budget' : 'completed';
  const processedNow = carry.processed;
  if (state === 'completed' && processedNow >= MIN_UNITS_FOR_ERROR_RATE && carry.errors / processedNow > ctx.retry.error_rate_threshold) {
    throw ApplicationFailure.create({
      type: FAILURE.errorRate,
      message: `${carry.errors} of ${processedNow} units ended in error (threshold ${Math.round(ctx.retry.error_rate_threshold * 100)}%)`,
      nonRetryable: true,
    });
  }
  if (state === 'completed' || state === 'cancelled' || state === 'budget') await finishPhase(ctx, state);
  reportToParent(true, state);
  const message =
    state === 'fatal'
      ? fatal!
      : state === 'exhausted'
        ? `usage exhaustion lasted past ${backoff.max_total_wait_s} s of waiting`
        : state === 'budget'
          ? `budget of $${input.budget_usd} reached`
          : undefined;
  return { name: phase.name, state, message, counters, waits: { count: carry.waits.count, total_s: carry.waits.total_s }, cost_usd: carry.cost_usd };
}

/** Histories recorded before bad input ended a phase at once replay as they ran (a failed attempt). */
const PATCH_PLAN_INPUT_ERROR_IS_FATAL = 'plan-input-error-is-fatal';

/** The message of a deterministic input error (bad data or config, a fatal provider answer), else null. */
function inputErrorOf(err: unknown): string | null {
  const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
  const deterministic: string[] = [FAILURE.suiteData, FAILURE.invalidConfig, FAILURE.fatal];
  return app && app.type && deterministic.includes(app.type) ? app.message : null;
}

function shouldContinueAsNew(): boolean {
  const info = workflowInfo();
  return info.continueAsNewSuggested || info.historyLength > MAX_HISTORY_EVENTS;
}

function maxConcurrencyByProvider(input: PhaseWorkflowInput, plan: PhasePlan): Record<string, number> {
  const out: Record<string, number> = {};
  input.ctx.phase.arms.forEach((arm, i) => {
    const p = plan.providers[i]!;
    const cap = arm.max_concurrency ?? input.ctx.phase.concurrency;
    out[p] = Math.min(out[p] ?? Infinity, cap);
  });
  return out;
}
