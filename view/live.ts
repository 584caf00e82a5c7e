import type { RunProgress } from '../contract/messages';
import type { RunData } from './run-data';
import type { TemporalSource } from './temporal-source';

/**
 * What the Live panel of a run page shows, polled every few seconds: the counters from the files
 * (the same summary as the report), the run's state, and why it is not moving when it is not:
 * paused, waiting out a provider's rate limit or quota (with the time of the next retry), or
 * exhausted. The `progress` query adds Temporal's live view when the server answers.
 */

export interface LiveWait {
  phase: string;
  provider: string;
  failure_class: string;
  since: string;
  /** When the durable timer ends and the unit is retried. */
  next_retry_at: string;
  wait_s: number;
}

export interface LiveStatus {
  state: string;
  /** Words for the state: "running", "paused by a signal", "waiting for openai: rate limited until ..." */
  headline: string;
  done: number;
  total: number | null;
  passed: number;
  failed: number;
  errors: number;
  cost_usd: number;
  phases: { name: string; kind: string; state: string; done: number; total: number | null; arms: { arm: string; done: number; total: number | null; passed: number; failed: number; errors: number }[] }[];
  waiting: LiveWait[];
  progress: RunProgress | null;
  progress_problem: string | null;
  updated_at: string;
  finished: boolean;
}

const FINAL = new Set(['completed', 'cancelled', 'failed', 'exhausted']);

export async function liveStatus(data: RunData, temporal: TemporalSource | null, now = new Date()): Promise<LiveStatus> {
  await data.refresh();
  const s = data.summary();
  const record = data.record;
  const waiting: LiveWait[] = (record?.waits ?? [])
    .map((w) => ({ phase: w.phase, provider: w.provider, failure_class: w.failure_class, since: w.started_at, wait_s: w.wait_s, next_retry_at: new Date(Date.parse(w.started_at) + w.wait_s * 1000).toISOString() }))
    .filter((w) => Date.parse(w.next_retry_at) > now.getTime());
  const fileState = s.state ?? 'unknown';
  let progress: RunProgress | null = null;
  let progress_problem: string | null = null;
  if (temporal && record?.workflow_id && !FINAL.has(fileState)) ({ progress, problem: progress_problem } = await temporal.progress(record.workflow_id));
  const state = progress?.state ?? fileState;
  const phases = s.phases.map((p) => ({
    name: p.name,
    kind: p.kind,
    state: progress?.phases.find((x) => x.name === p.name)?.state ?? p.state ?? 'pending',
    done: p.arms.reduce((n, a) => n + a.done, 0),
    total: p.units_total,
    arms: p.arms.map((a) => ({ arm: a.arm, done: a.done, total: a.units_total, passed: a.passed, failed: a.failed, errors: a.errors })),
  }));
  const known = phases.every((p) => p.total !== null);
  return {
    state,
    headline: headline(state, waiting, progress, record?.phases.find((p) => p.state === 'exhausted')?.message),
    done: s.totals.done,
    total: known && phases.length ? phases.reduce((n, p) => n + (p.total ?? 0), 0) : null,
    passed: s.totals.passed,
    failed: s.totals.failed,
    errors: s.totals.errors,
    cost_usd: s.totals.cost_usd,
    phases,
    waiting,
    progress,
    progress_problem,
    updated_at: now.toISOString(),
    finished: FINAL.has(state),
  };
}

function headline(state: string, waiting: LiveWait[], progress: RunProgress | null, exhaustedMessage: string | undefined): string {
  if (state === 'paused') return 'paused (a `pause` signal); `gauntlet resume` continues it';
  if (state === 'exhausted') return `exhausted: ${exhaustedMessage ?? 'usage exhaustion outlasted the allowed wait'}; resume it once the quota is back`;
  if (waiting.length && !FINAL.has(state)) {
    const w = waiting.reduce((a, b) => (a.next_retry_at > b.next_retry_at ? a : b));
    const why = w.failure_class === 'exhausted' ? 'usage exhausted (quota or credit)' : 'rate limited';
    return `waiting: ${w.provider} ${why}; next retry at ${w.next_retry_at} (a durable backoff, not a hang)`;
  }
  const deferred = progress?.phases.reduce((n, p) => n + p.deferred, 0) ?? 0;
  if (deferred > 0) return `${state}: ${deferred} unit(s) waiting for a provider's backoff to end`;
  return state;
}
