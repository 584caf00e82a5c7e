import { Context } from '@temporalio/activity';
import type { ResultRow } from '../config/results';
import type { PhaseContext, UnitOutcome } from '../contract/phase';
import { episodeOutcome, modelTurn, startEpisode, toolStep, type EpisodeProgress, type EpisodeRef } from '../eval/agentic/episode';
import { transcriptFile } from '../eval/agentic/transcript';
import { rowBodyOf } from '../eval/kinds/benchmark';
import { resolveScorer } from '../eval/registry';
import { sandboxTimeoutMs } from '../eval/sandbox-timeout';
import { modelTimeoutMs } from '../eval/solve';
import { sharedSandbox } from '../sandbox/pool';
import { asActivityError } from './failures';
import { lookupUnit, outcomeOf, recordRow, rowKey } from './run-unit';
import { faultHold, startHeartbeat } from './keep-alive';

/**
 * Thin adapters of the episode core (eval/agentic/episode.ts) for workflows/episode.ts: one
 * activity per model turn and per tool call. Their inputs and outputs are a unit reference and
 * small counters; the conversation is read from the transcript file each time.
 */
export interface EpisodeStepRef {
  ctx: PhaseContext;
  unit: number;
}

async function refOf({ ctx, unit }: EpisodeStepRef): Promise<{ ref: EpisodeRef; scored?: ResultRow }> {
  const { pu, u, scored } = await lookupUnit(ctx, unit);
  return { ref: { u, task: pu.task, phase: ctx.phase, file: transcriptFile(ctx.output_dir, ctx.phase.name, unit) }, ...(scored ? { scored } : {}) };
}

async function step<T>(fn: () => Promise<T>): Promise<T> {
  // A few heartbeats per heartbeat timeout, so a step that waits long (a slow model) is not presumed lost.
  const hb = startHeartbeat((Context.current().info.heartbeatTimeoutMs ?? 30_000) / 3);
  try {
    return await fn();
  } catch (e) {
    throw asActivityError(e);
  } finally {
    hb.stop();
  }
}

/** Where the episode is; `outcome` when its row is already recorded (a re-run phase skips it). */
export function episodeStart(r: EpisodeStepRef): Promise<EpisodeProgress & { outcome?: UnitOutcome }> {
  return step(async () => {
    const { ref, scored } = await refOf(r);
    if (scored) return { turns: 0, tokens: 0, submitted: true, limits: { max_turns: 0, max_total_tokens: 0, wall_clock_s: 0 }, outcome: outcomeOf(r.unit, scored) };
    return startEpisode(ref);
  });
}

export function episodeModelTurn(r: EpisodeStepRef & { turn: number }): Promise<{ calls: number; tokens: number }> {
  return step(async () => {
    const { ref } = await refOf(r);
    const act = Context.current();
    // The model call gives up before the activity's own timeout, so its failure is classified, not lost.
    return modelTurn(ref, r.turn, {
      useCache: r.ctx.cache,
      timeoutMs: Math.max(1000, Math.min(r.ctx.phase.timeouts.unit_s * 800, modelTimeoutMs())),
      signal: act.cancellationSignal,
      // The crash test's kill lands here: the answer is paid for and cached, the turn not yet recorded.
      answered: () => faultHold('episodeModelTurn', String(r.turn)),
    });
  });
}

export function episodeToolCall(r: EpisodeStepRef & { turn: number; index: number }): Promise<{ submitted: boolean }> {
  return step(async () => {
    const { ref } = await refOf(r);
    const act = Context.current();
    return toolStep(ref, r.turn, r.index, { sandbox: sharedSandbox, heartbeat: (d) => act.heartbeat(d) });
  });
}

/**
 * Scores the submission and records the episode's one row (idempotent by unit key). Without a
 * submission the row is `failed` with the limit that ended it, never `error`.
 */
export function episodeFinish(r: EpisodeStepRef & { ended_by?: 'turn_limit' | 'no_submission'; duration_ms: number }): Promise<UnitOutcome> {
  return step(async () => {
    const { ctx, unit } = r;
    const { pu, u, idx, scored } = await lookupUnit(ctx, unit);
    if (scored) return outcomeOf(unit, scored);
    const ref: EpisodeRef = { u, task: pu.task, phase: ctx.phase, file: transcriptFile(ctx.output_dir, ctx.phase.name, unit) };
    const { state, submission, turns, tool_calls } = await episodeOutcome(ref);
    const act = Context.current();
    const score =
      submission === undefined
        ? { status: 'failed' as const, value: 0, reason: r.ended_by ?? 'no_submission', explanation: `the episode ended (${r.ended_by ?? 'no_submission'}) after ${turns} turns without a submission` }
        : await (await resolveScorer(ctx.phase.scorer ?? pu.task.scorer))(state, { sandbox: sharedSandbox, sandboxTimeoutMs: (t) => sandboxTimeoutMs(ctx.phase, t), heartbeat: (d) => act.heartbeat(d) });
    const body = rowBodyOf(state, { ...score, metadata: { ...(('metadata' in score && score.metadata) || {}), turns, tool_calls, episode: `episodes/${ctx.phase.name}-${unit}.jsonl` } });
    const row: ResultRow = { ...rowKey(ctx, u), duration_ms: r.duration_ms, attempt: act.info.attempt, recorded_at: new Date().toISOString(), tokens_in: 0, tokens_out: 0, cost_usd: 0, ...body };
    await recordRow(ctx, idx, row, `${row.status} ${Math.round((row.score ?? 0) * 100)}% after ${turns} turns`);
    return outcomeOf(unit, row);
  });
}
