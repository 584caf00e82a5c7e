import { ActivityFailure, ApplicationFailure, condition, getExternalWorkflowHandle, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { RunConfig } from '../config/run-config';
import type { PhaseContext, UnitOutcome } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import { episodeBlockedSignal, providerHoldSignal } from '../contract/messages';
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

/** Episodes recorded before the phase held their provider backed off on their own (ownBackoff). */
const PATCH_PROVIDER_HOLD = 'episode-provider-hold';

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
  const unitOptions = unitOptionsOf(ctx.phase.timeouts.unit_s, ctx);
  const a = proxyActivities<typeof activities>({ ...unitOptions, ...onStore(ctx) });
  const { recordUnitError, recordWait } = proxyActivities<typeof activities>({
    startToCloseTimeout: '10 minutes',
    retry: { maximumAttempts: 5, initialInterval: '1 second' },
    ...onStore(ctx),
  });
  const ref = { ctx, unit };
  const startedAt = Date.now();
  let level = 0;
  let exhaustedS = 0;
  /** Time spent waiting out the phase's provider holds: not the episode's own wall clock. */
  let heldMs = 0;

  // The phase's ProviderGates own every hold of a provider, as for benchmark units: a 429 or
  // quota here is reported up (episodeBlockedSignal) and the phase answers with the time its hold
  // ends (providerHoldSignal); it tells every in-flight episode of that provider the same, so none
  // starts a turn during the hold. The episode then waits on a durable timer to that time rather
  // than on a second "released" signal: the phase need not remember who waits nor signal each
  // waiter again at the end, a timer survives a lost worker like a signal does, and a hold the
  // phase extends arrives as a new `until_ms` that the wait loop picks up.
  const phaseHolds = patched(PATCH_PROVIDER_HOLD) && workflowInfo().parent !== undefined;
  let heldUntil = 0;
  let stop: string | null = null;
  let blockedSeq = 0;
  let acked = 0;
  setHandler(providerHoldSignal, (h) => {
    if ('stop' in h) stop = h.stop;
    else {
      heldUntil = Math.max(heldUntil, h.until_ms);
      if (h.ack !== undefined) acked = Math.max(acked, h.ack);
    }
  });
  const stopped = () => ApplicationFailure.create({ type: FAILURE.exhausted, message: stop ?? 'stopped by the phase', nonRetryable: true });
  /** Waits out the phase's hold of this episode's provider (no-op when none is on). */
  const providerFree = async () => {
    const from = Date.now();
    while (stop === null && Date.now() < heldUntil) {
      const until = heldUntil;
      await condition(() => stop !== null || heldUntil !== until, until - Date.now());
    }
    heldMs += Date.now() - from;
    if (stop !== null) throw stopped();
  };

  /** Runs a step; rate limits and quota hold the provider and run it again after the hold (no row, no turn). */
  const held = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      await providerFree();
      try {
        const r = await fn();
        level = 0;
        return r;
      } catch (err) {
        const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
        if (app?.type !== FAILURE.rateLimited && app?.type !== FAILURE.exhausted) throw err;
        const retryAfterMs = (app.details?.[0] as { retryAfterMs?: number } | undefined)?.retryAfterMs;
        if (!phaseHolds) {
          await ownBackoff(what, app.type, retryAfterMs, err);
          continue;
        }
        const blockedAt = Date.now();
        const seq = ++blockedSeq;
        await getExternalWorkflowHandle(workflowInfo().parent!.workflowId).signal(episodeBlockedSignal, {
          unit,
          seq,
          failure_class: app.type === FAILURE.rateLimited ? 'rate_limited' : 'exhausted',
          ...(retryAfterMs !== undefined ? { retry_after_ms: retryAfterMs } : {}),
        });
        await condition(() => acked >= seq || stop !== null);
        heldMs += Date.now() - blockedAt; // the hold itself is waited out (and counted) at the loop's top
      }
    }
  };

  /** Before the phase held providers: the episode's own exponential backoff on a durable timer. */
  const ownBackoff = async (what: string, type: typeof FAILURE.rateLimited | typeof FAILURE.exhausted, retryAfterMs: number | undefined, err: unknown) => {
    const expMs = Math.min(backoff.max_s, backoff.initial_s * Math.pow(backoff.multiplier, level++)) * 1000;
    const waitMs = retryAfterMs !== undefined && type === FAILURE.rateLimited ? retryAfterMs : Math.max(retryAfterMs ?? 0, expMs);
    if (type === FAILURE.exhausted) {
      exhaustedS += waitMs / 1000;
      if (exhaustedS > backoff.max_total_wait_s) throw err;
    }
    await recordWait({ output_dir: ctx.output_dir, event: { phase: ctx.phase.name, provider: `episode ${unit} ${what}`, failure_class: type, started_at: new Date().toISOString(), wait_s: waitMs / 1000 } });
    await sleep(waitMs);
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
      if (tokens >= limits.max_total_tokens || Date.now() - startedAt - heldMs >= limits.wall_clock_s * 1000) {
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
    // The phase stopped the episode (exhaustion outlasted max_total_wait_s): no row, a re-run resumes it.
    if (err instanceof ApplicationFailure && err.type === FAILURE.exhausted) throw err;
    const app = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    // Phase-level verdicts (bad data, fatal provider errors, quota past the limit) go up to the phase.
    if (app && [FAILURE.fatal, FAILURE.suiteData, FAILURE.exhausted, FAILURE.rateLimited].includes(app.type as never)) throw err;
    const kind = app?.type ?? (err instanceof ActivityFailure ? (err.cause?.name ?? 'ActivityFailure') : 'unknown');
    const message = err instanceof ActivityFailure ? (err.cause?.message ?? err.message) : String(err);
    return recordUnitError({ ctx, unit, error_kind: kind, message });
  }
}
