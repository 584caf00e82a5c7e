import { ApplicationFailure, Context } from '@temporalio/activity';
import { unitKey, type ResultRow } from '../config/results';
import { outPath } from '../store/run-record';
import { ResultsIndex } from '../store/results-index';
import { logLine } from '../store/run-log';
import { progressWriterFor } from '../progress/writers';
import { phaseKind, type Unit } from '../eval/kinds';
import { phaseUnits, providerKey, unitAt, type PhaseUnits } from '../eval/phase-units';
import { heldHereSince, holdHere } from './provider-holds';
import { asActivityError } from './failures';
import { startHeartbeat } from './keep-alive';
import { traceExecution } from './exec-trace';
import type { BatchOutcome, LimitedUnit, PhaseContext, UnitOutcome, UnitRef, UnitsRef } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import { RefError } from '../eval/errors';
import { SuiteDataError } from '../eval/suites';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);

/**
 * One unit, evaluated by its phase kind (eval/kinds). With `return_rows` (every run since the
 * store queue) the row is handed back and the phase records it on the store queue: this worker
 * may be on a machine without the run's files. Otherwise (older histories) it is recorded here,
 * idempotent by unit key: a retried unit that already has a passed/failed row returns it.
 */
export async function runUnit({ ctx, unit, return_rows }: UnitRef): Promise<UnitOutcome> {
  try {
    if (return_rows) {
      const pu = await phaseUnits(ctx.phase);
      return await withHeartbeat(ctx, () => null, (hb) => evaluated(ctx, pu, unit, unitAt(pu, unit), hb));
    }
    const { pu, u, idx, scored } = await lookupUnit(ctx, unit);
    if (scored) return outcomeOf(unit, scored);
    return await withHeartbeat(ctx, () => null, (hb) => evaluateAndRecord(ctx, pu, idx, unit, u, hb));
  } catch (e) {
    throw asActivityError(e);
  }
}

/**
 * Heartbeats from a unit's work (a unit finished, a kind's progress) go out at most this often:
 * each one encodes the details (a batch's finished rows), so one per event was quadratic in the
 * batch, and the SDK sends the server only the latest per ~0.8 heartbeat timeout anyway.
 */
const HEARTBEAT_GAP_MS = 1000;

/** What a batch heartbeats: the units it has finished, so a retried batch (on any worker) returns them instead of running them again. */
interface BatchDetails {
  done: UnitOutcome[];
}

/**
 * Several units in one activity: one after the other, or side by side with `concurrent` (model-bound
 * units, whose time is waiting on the provider). A lost worker loses only the units in flight: with
 * `return_rows` the finished units travel in the heartbeat details and a retried batch hands them
 * back unrun; in older histories each is recorded as it finishes and a retried batch skips what is
 * recorded. A unit that meets a rate limit or exhaustion in a concurrent batch is handed back as
 * `limited` (no row; the phase holds the provider as for a lone unit); a unit whose evaluation throws
 * otherwise is handed back (`deferred`) to run alone under runUnit's failure handling; bad suite
 * data still fails the whole batch at once.
 */
export async function runUnits({ ctx, units, return_rows, concurrent, width }: UnitsRef): Promise<BatchOutcome> {
  try {
    const pu = await phaseUnits(ctx.phase);
    const idx = return_rows ? null : await resultsIndexOf(ctx);
    const prior = new Map((return_rows ? priorBatchDetails() : []).map((o) => [o.unit, o]));
    const outcomes: UnitOutcome[] = [];
    const deferred: number[] = [];
    const limited: LimitedUnit[] = [];
    const unstarted: number[] = [];
    const details = (): BatchDetails | null => (return_rows ? { done: outcomes.filter((o) => o.row) } : null);
    await withHeartbeat(ctx, details, async (hb) => {
      const one = async (unit: number) => {
        const u = unitAt(pu, unit);
        const before = prior.get(unit);
        const scored = idx ? scoredRow(ctx, idx, u) : undefined;
        if (before) return void outcomes.push({ ...before, duration_ms: 0 });
        if (scored) return void outcomes.push(outcomeOf(unit, scored));
        try {
          outcomes.push(idx ? await evaluateAndRecord(ctx, pu, idx, unit, u, hb) : await evaluated(ctx, pu, unit, u, hb));
          if (!idx) hb(); // the finished row is in the details now, not only after the next tick
        } catch (e) {
          if (e instanceof SuiteDataError || e instanceof RefError) throw e;
          const limit = concurrent ? limitOf(unit, e) : null;
          if (limit) {
            limited.push(limit);
            holdHere(providerKey(u.arm), limit.retry_after_ms);
          } else deferred.push(unit);
        }
      };
      const began = Date.now();
      if (concurrent && width !== undefined) await pool(units, width, one, (unit) => heldHereSince(providerKey(unitAt(pu, unit).arm), began), unstarted);
      else if (concurrent) await Promise.all(units.map(one));
      else for (const unit of units) await one(unit);
    });
    return concurrent ? { outcomes, deferred, limited, unstarted } : { outcomes, deferred };
  } catch (e) {
    throw asActivityError(e);
  }
}

/**
 * `fn` over `items`, at most `width` at a time, the next starting as soon as one ends; once
 * `stop(item)` says so an item is not started but put in `skipped` (the provider is held).
 */
async function pool(items: number[], width: number, fn: (item: number) => Promise<void>, stop: (item: number) => boolean, skipped: number[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      if (stop(item)) skipped.push(item);
      else await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, items.length)) }, lane));
}

/** The rate limit or exhaustion a unit's error stands for, if it is one. */
function limitOf(unit: number, e: unknown): LimitedUnit | null {
  const failure = asActivityError(e);
  if (!(failure instanceof ApplicationFailure)) return null;
  if (failure.type !== FAILURE.rateLimited && failure.type !== FAILURE.exhausted) return null;
  const retryAfterMs = (failure.details?.[0] as { retryAfterMs?: number } | undefined)?.retryAfterMs;
  return { unit, failure_class: failure.type, ...(retryAfterMs !== undefined ? { retry_after_ms: retryAfterMs } : {}) };
}

function priorBatchDetails(): UnitOutcome[] {
  const d = Context.current().info.heartbeatDetails as BatchDetails | undefined;
  return Array.isArray(d?.done) ? d.done.filter((o) => o && typeof o.unit === 'number' && o.row) : [];
}

/**
 * Runs `fn` heartbeating a third of the phase's heartbeat timeout, and when `fn` asks (at most once
 * per HEARTBEAT_GAP_MS); every heartbeat carries `details()` when it has any.
 */
async function withHeartbeat<T>(ctx: PhaseContext, details: () => unknown, fn: (hb: (d?: unknown) => void) => Promise<T>): Promise<T> {
  const activity = Context.current();
  let last = -Infinity;
  const hb = (d?: unknown) => {
    const now = performance.now();
    if (now - last < HEARTBEAT_GAP_MS) return;
    last = now;
    activity.heartbeat(details() ?? d);
  };
  const keep = startHeartbeat((ctx.phase.timeouts.heartbeat_s * 1000) / 3, () => details() ?? undefined);
  try {
    return await fn(hb);
  } finally {
    keep.stop();
  }
}

/** Evaluates one unit into its row (not recorded): the outcome carries it. */
async function evaluated(ctx: PhaseContext, pu: PhaseUnits, unit: number, u: Unit, heartbeat: (d?: unknown) => void): Promise<UnitOutcome> {
  const activity = Context.current();
  traceExecution(ctx, unitKey(rowKey(ctx, u)), unit);
  const t0 = performance.now();
  const body = await phaseKind(ctx.phase).evaluate(u, { ctx, task: pu.task, heartbeat, signal: activity.cancellationSignal });
  const row: ResultRow = {
    ...rowKey(ctx, u),
    duration_ms: Math.round(performance.now() - t0),
    tokens_in: 0,
    tokens_out: 0,
    cost_usd: 0,
    attempt: activity.info.attempt,
    recorded_at: new Date().toISOString(),
    ...body,
  };
  return { ...outcomeOf(unit, row), duration_ms: row.duration_ms, row };
}

async function evaluateAndRecord(ctx: PhaseContext, pu: PhaseUnits, idx: ResultsIndex, unit: number, u: Unit, heartbeat: (d?: unknown) => void): Promise<UnitOutcome> {
  const { row, ...outcome } = await evaluated(ctx, pu, unit, u, heartbeat);
  await recordRow(ctx, idx, row!, rowNote(row!));
  return outcome;
}

/** The benchmark.log note of a unit's row. */
export function rowNote(row: ResultRow): string {
  return `${row.status}${row.reason ? ` (${row.reason})` : ''} ${row.duration_ms}ms`;
}

export function outcomeOf(unit: number, row: ResultRow): UnitOutcome {
  return { unit, arm: row.arm, status: row.status, cost_usd: row.cost_usd, tokens_in: row.tokens_in, tokens_out: row.tokens_out };
}

/** Written by the workflow when a unit's retries ran out (or its worker vanished): an `error` row, never `failed`. */
export async function recordUnitError(args: { ctx: PhaseContext; unit: number; error_kind: string; message: string }): Promise<UnitOutcome> {
  const { ctx, unit } = args;
  try {
    const { u, idx, scored } = await lookupUnit(ctx, unit);
    // A late success from a presumed-lost attempt wins over an error.
    if (scored) return outcomeOf(unit, scored);
    const row: ResultRow = {
      ...rowKey(ctx, u),
      status: 'error',
      score: null,
      duration_ms: 0,
      tokens_in: 0,
      tokens_out: 0,
      cost_usd: 0,
      error_kind: args.error_kind,
      stderr_tail: tail(args.message),
      ...(u.sample.metadata.category ? { category: u.sample.metadata.category } : {}),
      recorded_at: new Date().toISOString(),
    };
    await recordRow(ctx, idx, row, `error (${args.error_kind}: ${args.message.slice(0, 200)})`);
    return outcomeOf(unit, row);
  } catch (e) {
    throw asActivityError(e);
  }
}

/** The unit's sample, arm and epoch, the run's results index, and its passed/failed row if one is recorded. */
export async function lookupUnit(ctx: PhaseContext, unit: number): Promise<{ pu: PhaseUnits; u: Unit; idx: ResultsIndex; scored?: ResultRow }> {
  const pu = await phaseUnits(ctx.phase);
  const u = unitAt(pu, unit);
  const idx = await resultsIndexOf(ctx);
  return { pu, u, idx, scored: scoredRow(ctx, idx, u) };
}

export async function resultsIndexOf(ctx: PhaseContext): Promise<ResultsIndex> {
  const idx = ResultsIndex.for(outPath(ctx.output_dir, 'results'), ctx.run_id);
  await idx.refresh();
  return idx;
}

/** The unit's passed/failed row, if recorded (error rows are re-run). */
function scoredRow(ctx: PhaseContext, idx: ResultsIndex, u: Unit): ResultRow | undefined {
  const existing = idx.get(unitKey(rowKey(ctx, u)));
  return existing && existing.status !== 'error' ? existing : undefined;
}

/** The fields that identify a unit's row (its unit key plus the run). */
export function rowKey(ctx: PhaseContext, u: Unit) {
  return { run_id: ctx.run_id, phase: ctx.phase.name, task_id: u.sample.id, arm: u.arm.name, sample: u.epoch };
}

export async function recordRow(ctx: PhaseContext, idx: ResultsIndex, row: ResultRow, note: string): Promise<void> {
  await idx.append(row);
  progressWriterFor(ctx.output_dir).poke();
  await logLine(ctx.output_dir, `${row.phase} ${row.task_id} ${row.arm}#${row.sample} ${note}`);
}
