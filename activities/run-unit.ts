import { Context } from '@temporalio/activity';
import { unitKey, type ResultRow } from '../config/results';
import { outPath } from '../store/run-record';
import { ResultsIndex } from '../store/results-index';
import { logLine } from '../store/run-log';
import { progressWriterFor } from '../progress/writers';
import { phaseKind, type Unit } from '../eval/kinds';
import { phaseUnits, unitAt, type PhaseUnits } from '../eval/phase-units';
import { asActivityError } from './failures';
import { startHeartbeat } from './keep-alive';
import type { BatchOutcome, PhaseContext, UnitOutcome, UnitRef, UnitsRef } from '../contract/phase';
import { RefError } from '../eval/errors';
import { SuiteDataError } from '../eval/suites';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);

/**
 * One unit, evaluated by its phase kind (eval/kinds), recorded as one row. Idempotent by unit
 * key: a retried or re-dispatched unit that already has a passed/failed row returns it instead
 * of paying for it again.
 */
export async function runUnit({ ctx, unit }: UnitRef): Promise<UnitOutcome> {
  try {
    const { pu, u, idx, scored } = await lookupUnit(ctx, unit);
    if (scored) return outcomeOf(unit, scored);
    const heartbeat = startHeartbeat((ctx.phase.timeouts.heartbeat_s * 1000) / 3);
    try {
      return await evaluateAndRecord(ctx, pu, idx, unit, u);
    } finally {
      heartbeat.stop();
    }
  } catch (e) {
    throw asActivityError(e);
  }
}

/**
 * Several units in one activity, one after the other, each recorded as it finishes (a lost
 * worker loses only the unit in flight: a retried batch skips what is recorded). A unit whose
 * evaluation throws is handed back (`deferred`) to run alone under runUnit's failure handling;
 * bad suite data still fails the whole batch at once.
 */
export async function runUnits({ ctx, units }: UnitsRef): Promise<BatchOutcome> {
  try {
    const pu = await phaseUnits(ctx.phase);
    const idx = await resultsIndexOf(ctx);
    const heartbeat = startHeartbeat((ctx.phase.timeouts.heartbeat_s * 1000) / 3);
    const outcomes: UnitOutcome[] = [];
    const deferred: number[] = [];
    try {
      for (const unit of units) {
        const u = unitAt(pu, unit);
        const scored = scoredRow(ctx, idx, u);
        if (scored) {
          outcomes.push(outcomeOf(unit, scored));
          continue;
        }
        try {
          outcomes.push(await evaluateAndRecord(ctx, pu, idx, unit, u));
        } catch (e) {
          if (e instanceof SuiteDataError || e instanceof RefError) throw e;
          deferred.push(unit);
        }
      }
    } finally {
      heartbeat.stop();
    }
    return { outcomes, deferred };
  } catch (e) {
    throw asActivityError(e);
  }
}

async function evaluateAndRecord(ctx: PhaseContext, pu: PhaseUnits, idx: ResultsIndex, unit: number, u: Unit): Promise<UnitOutcome> {
  const activity = Context.current();
  const t0 = performance.now();
  const body = await phaseKind(ctx.phase).evaluate(u, { ctx, task: pu.task, heartbeat: (d) => activity.heartbeat(d), signal: activity.cancellationSignal });
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
  await recordRow(ctx, idx, row, `${row.status}${row.reason ? ` (${row.reason})` : ''} ${row.duration_ms}ms`);
  return { ...outcomeOf(unit, row), duration_ms: row.duration_ms };
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

async function resultsIndexOf(ctx: PhaseContext): Promise<ResultsIndex> {
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
