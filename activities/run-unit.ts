import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/activity';
import { unitKey, type ResultRow } from '../config/results';
import { canonicalProgram, type Task } from '../config/task';
import { generate } from '../models';
import { buildTestProgram } from '../sandbox';
import { sharedSandbox } from '../sandbox/pool';
import { outPath } from '../store/run-record';
import { ResultsIndex } from '../store/results-index';
import { logLine } from '../store/run-log';
import { progressWriterFor } from '../progress/writers';
import { asActivityError } from './failures';
import { phaseUnits, unitAt, type Unit } from '../eval/phase-units';
import type { PhaseContext, UnitOutcome, UnitRef } from '../contract/phase';
import { scoreValidate, scoreMutation } from '../eval/kinds/hardening-units';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);

/**
 * One unit: generate (or take the canonical solution), execute against the tests, record one row.
 * Idempotent by unit key: a retried or re-dispatched unit that already has a passed/failed row
 * returns it instead of paying for it again.
 */
export async function runUnit({ ctx, unit }: UnitRef): Promise<UnitOutcome> {
  const { u, idx, scored } = await lookupUnit(ctx, unit);
  if (scored) return outcomeOf(unit, scored);

  const heartbeat = startHeartbeat(ctx.phase.timeouts.heartbeat_s);
  const t0 = performance.now();
  try {
    const partial = await execute(ctx, u);
    const row: ResultRow = {
      ...rowKey(ctx, u),
      duration_ms: Math.round(performance.now() - t0),
      tokens_in: 0,
      tokens_out: 0,
      cost_usd: 0,
      attempt: Context.current().info.attempt,
      recorded_at: new Date().toISOString(),
      ...partial,
    };
    await recordRow(ctx, idx, row, `${row.status}${row.reason ? ` (${row.reason})` : ''} ${row.duration_ms}ms`);
    return outcomeOf(unit, row);
  } catch (e) {
    throw asActivityError(e);
  } finally {
    heartbeat.stop();
  }
}

type RowBody = Omit<ResultRow, 'run_id' | 'phase' | 'task_id' | 'arm' | 'sample' | 'duration_ms' | 'recorded_at' | 'attempt' | 'tokens_in' | 'tokens_out' | 'cost_usd'> &
  Partial<Pick<ResultRow, 'tokens_in' | 'tokens_out' | 'cost_usd'>>;

async function execute(ctx: PhaseContext, u: Unit): Promise<RowBody> {
  switch (ctx.phase.kind) {
    case 'validate':
      return scoreValidate(ctx, u.task);
    case 'mutation':
      return scoreMutation(ctx, u.task, (p) => Context.current().heartbeat(p));
    case 'benchmark':
      return scoreBenchmark(ctx, u);
  }
}

async function scoreBenchmark(ctx: PhaseContext, u: Unit): Promise<RowBody> {
  // The model call must give up before the activity's own timeout, so its failure is classified, not lost.
  const gen = await generate({
    task: u.task,
    arm: u.arm,
    sampleIndex: u.sample,
    useCache: ctx.cache,
    timeoutMs: Math.max(1000, Math.min(ctx.phase.timeouts.unit_s * 1000 * 0.8, Number(process.env.GAUNTLET_MODEL_TIMEOUT_MS ?? 120_000))),
    signal: Context.current().cancellationSignal,
  });
  const usage = { tokens_in: gen.tokens_in, tokens_out: gen.tokens_out, cost_usd: gen.cost_usd, cached: gen.cached };
  const answer = { answer: gen.answer, answer_tail: tail(gen.answer) };
  if (gen.program === null) return { status: 'failed', score: 0, reason: gen.reason ?? 'no_code', ...usage, ...answer };
  const res = await sharedSandbox().run({
    program: buildTestProgram(u.task, gen.program),
    timeoutMs: await sandboxTimeoutMs(ctx, u.task),
  });
  if (res.status === 'error') {
    // The sandbox broke, not the candidate: retried by the activity policy, then an error row.
    throw ApplicationFailure.create({ type: 'sandbox_error', message: res.message ?? 'sandbox error', nonRetryable: false });
  }
  const passed = res.status === 'passed';
  return {
    status: passed ? 'passed' : 'failed',
    score: passed ? 1 : 0,
    reason: passed ? undefined : failureReason(res.status, res.exceptionType),
    stderr_tail: tail(res.stderrTail || res.message),
    ...usage,
    ...answer,
  };
}

/** The `failed` reason of a sandbox result: timeout, syntax_error (as the solver says it), or the exception type. */
function failureReason(status: string, exceptionType: string | undefined): string {
  if (status === 'timeout') return 'timeout';
  if (exceptionType === 'SyntaxError' || exceptionType === 'IndentationError' || exceptionType === 'TabError') return 'syntax_error';
  return exceptionType ?? 'failed';
}

/** Phase override, else the task's, else max(4 s, 4x the canonical solution's runtime) measured once per worker. */
async function sandboxTimeoutMs(ctx: PhaseContext, task: Task): Promise<number> {
  if (ctx.phase.timeouts.sandbox_s) return ctx.phase.timeouts.sandbox_s * 1000;
  if (task.timeout_s) return task.timeout_s * 1000;
  return Math.max(4000, 4 * (await canonicalRuntimeMs(task)));
}

const canonicalRuntimes = new Map<string, Promise<number>>();
export function canonicalRuntimeMs(task: Task): Promise<number> {
  const key = `${task.task_id}\u0000${task.canonical_solution.length}\u0000${task.test_code.length}`;
  let p = canonicalRuntimes.get(key);
  if (!p) {
    p = sharedSandbox()
      .run({ program: buildTestProgram(task, canonicalProgram(task)), timeoutMs: 60_000 })
      .then((r) => r.durationMs);
    canonicalRuntimes.set(key, p);
  }
  return p;
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
    recorded_at: new Date().toISOString(),
  };
  await recordRow(ctx, idx, row, `error (${args.error_kind}: ${args.message.slice(0, 200)})`);
  return outcomeOf(unit, row);
}

/** The unit's task, arm and sample, the run's results index, and its passed/failed row if one is recorded. */
async function lookupUnit(ctx: PhaseContext, unit: number): Promise<{ u: Unit; idx: ResultsIndex; scored?: ResultRow }> {
  const u = unitAt(await phaseUnits(ctx.phase), unit);
  const idx = ResultsIndex.for(outPath(ctx.output_dir, 'results'));
  await idx.refresh();
  const existing = idx.get(unitKey(rowKey(ctx, u)));
  return { u, idx, scored: existing && existing.status !== 'error' ? existing : undefined };
}

/** The fields that identify a unit's row (its unit key plus the run). */
function rowKey(ctx: PhaseContext, u: Unit) {
  return { run_id: ctx.run_id, phase: ctx.phase.name, task_id: u.task.task_id, arm: u.arm.name, sample: u.sample };
}

async function recordRow(ctx: PhaseContext, idx: ResultsIndex, row: ResultRow, note: string): Promise<void> {
  await idx.append(row);
  progressWriterFor(ctx.output_dir).poke();
  await logLine(ctx.output_dir, `${row.phase} ${row.task_id} ${row.arm}#${row.sample} ${note}`);
}
