import { ActivityFailure, ApplicationFailure, proxyActivities, sleep } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { RunConfig } from '../config/run-config';
import type { PhaseContext, UnitOutcome } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import { unitOptionsOf } from './unit-options';

export interface EpisodeWorkflowInput {
  ctx: PhaseContext;
  unit: number;
  backoff: RunConfig['backoff'];
}

/**
 * An episode's activities (and its error row and waits) run on the store queue when the run names
 * a store: the transcript they read and append lives in the run's directory, so episodes are
 * served by the owner machine's workers. Absent a store (older runs): the run's task queue.
 */
const onStore = (ctx: PhaseContext) => (ctx.store_queue ? { taskQueue: ctx.store_queue } : {});

/**
 * One agentic episode as a child workflow of its phase. Each model turn and each tool call is
 * its own activity, so a lost worker loses at most the step in flight and the episode resumes
 * at that step; the conversation lives in the transcript file, and this history holds only the
 * unit, the turn counter and token totals (a few events per step, far from history limits).
 * A child per episode (rather than the turn loop inside the phase workflow) keeps each
 * episode's history its own: 64 concurrent episodes of 50 turns would otherwise put tens of
 * thousands of events into one phase history and force continue-as-new mid-episode.
 */
export async function episodeWorkflow(input: EpisodeWorkflowInput): Promise<UnitOutcome> {
  const { ctx, unit, backoff } = input;
  const a = proxyActivities<typeof activities>({ ...unitOptionsOf(ctx.phase.timeouts.unit_s, ctx), ...onStore(ctx) });
  const { recordUnitError, recordWait } = proxyActivities<typeof activities>({
    startToCloseTimeout: '10 minutes',
    retry: { maximumAttempts: 5, initialInterval: '1 second' },
    ...onStore(ctx),
  });
  const ref = { ctx, unit };
  const startedAt = Date.now();
  let level = 0;
  let exhaustedS = 0;

  /** Runs a step; rate limits and quota wait on a durable timer and run it again (no row, no turn). */
  const held = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        const r = await fn();
        level = 0;
        return r;
      } catch (err) {
        const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
        if (app?.type !== FAILURE.rateLimited && app?.type !== FAILURE.exhausted) throw err;
        const retryAfterMs = (app.details?.[0] as { retryAfterMs?: number } | undefined)?.retryAfterMs;
        const expMs = Math.min(backoff.max_s, backoff.initial_s * Math.pow(backoff.multiplier, level++)) * 1000;
        const waitMs = retryAfterMs !== undefined && app.type === FAILURE.rateLimited ? retryAfterMs : Math.max(retryAfterMs ?? 0, expMs);
        if (app.type === FAILURE.exhausted) {
          exhaustedS += waitMs / 1000;
          if (exhaustedS > backoff.max_total_wait_s) throw err;
        }
        await recordWait({ output_dir: ctx.output_dir, event: { phase: ctx.phase.name, provider: `episode ${unit} ${what}`, failure_class: app.type, started_at: new Date().toISOString(), wait_s: waitMs / 1000 } });
        await sleep(waitMs);
      }
    }
  };

  try {
    const s = await a.episodeStart(ref);
    if (s.outcome) return s.outcome;
    let { turns, tokens, submitted } = s;
    const { limits } = s;
    let endedBy: 'turn_limit' | 'no_submission' | undefined;
    while (!submitted) {
      if (turns >= limits.max_turns) {
        endedBy = 'turn_limit';
        break;
      }
      if (tokens >= limits.max_total_tokens || Date.now() - startedAt >= limits.wall_clock_s * 1000) {
        endedBy = 'no_submission';
        break;
      }
      const turn = turns;
      const m = await held(`turn ${turn}`, () => a.episodeModelTurn({ ...ref, turn }));
      tokens = m.tokens;
      for (let index = 0; index < m.calls && !submitted; index++) {
        submitted = (await a.episodeToolCall({ ...ref, turn, index })).submitted;
      }
      turns++;
    }
    return await a.episodeFinish({ ...ref, ...(endedBy ? { ended_by: endedBy } : {}), duration_ms: Date.now() - startedAt });
  } catch (err) {
    const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    // Phase-level verdicts (bad data, fatal provider errors, quota past the limit) go up to the phase.
    if (app && [FAILURE.fatal, FAILURE.suiteData, FAILURE.exhausted, FAILURE.rateLimited].includes(app.type as never)) throw err;
    const kind = app?.type ?? (err instanceof ActivityFailure ? (err.cause?.name ?? 'ActivityFailure') : 'unknown');
    const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
    return recordUnitError({ ctx, unit, error_kind: kind, message });
  }
}
