import { Context } from '@temporalio/activity';
import { unitKey, type ResultRow } from '../config/results';
import { outPath } from '../store/run-record';
import { ResultsIndex } from '../store/results-index';
import { logLine } from '../store/run-log';
import { progressWriterFor } from '../progress/writers';
import { phaseKind, type Unit } from '../eval/kinds';
import { phaseUnits, unitAt, type PhaseUnits } from '../eval/phase-units';
import { asActivityError } from './failures';
import type { PhaseContext, UnitOutcome, UnitRef } from '../contract/phase';

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
    const activity = Context.current();
    const heartbeat = startHeartbeat(ctx.phase.timeouts.heartbeat_s);
    const t0 = performance.now();
    try {
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
      return outcomeOf(unit, row);
    } finally {
      heartbeat.stop();
    }
  } catch (e) {
    throw asActivityError(e);
  }
}

function outcomeOf(unit: number, row: ResultRow): UnitOutcome {
  return { unit, arm: row.arm, status: row.status, cost_usd: row.cost_usd, tokens_in: row.tokens_in, tokens_out: row.tokens_out };
}

function startHeartbeat(heartbeatS: number): { stop(): void } {
  const ctx = Context.current();
  const t = setInterval(() => ctx.heartbeat(), Math.max(200, (heartbeatS * 1000) / 3));
  return { stop: () => clearInterval(t) };
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
async function lookupUnit(ctx: PhaseContext, unit: number): Promise<{ pu: PhaseUnits; u: Unit; idx: ResultsIndex; scored?: ResultRow }> {
  const pu = await phaseUnits(ctx.phase);
  const u = unitAt(pu, unit);
  const idx = ResultsIndex.for(outPath(ctx.output_dir, 'results'));
  await idx.refresh();
  const existing = idx.get(unitKey(rowKey(ctx, u)));
  return { pu, u, idx, scored: existing && existing.status !== 'error' ? existing : undefined };
}

/** The fields that identify a unit's row (its unit key plus the run). */
function rowKey(ctx: PhaseContext, u: Unit) {
  return { run_id: ctx.run_id, phase: ctx.phase.name, task_id: u.sample.id, arm: u.arm.name, sample: u.epoch };
}

async function recordRow(ctx: PhaseContext, idx: ResultsIndex, row: ResultRow, note: string): Promise<void> {
  await idx.append(row);
  progressWriterFor(ctx.output_dir).poke();
  await logLine(ctx.output_dir, `${row.phase} ${row.task_id} ${row.arm}#${row.sample} ${note}`);
}
