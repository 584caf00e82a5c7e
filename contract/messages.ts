import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { PhaseState } from '../config/run-record';

/**
 * Signals and queries, shared by workflows and clients (CLI, tests). The parent run forwards
 * pause/resume/cancel to the phase that is running; phases report counters back with
 * `phaseProgress` so one `progress` query on the run answers for everything.
 */

export interface ArmCounters {
  total: number;
  done: number;
  passed: number;
  failed: number;
  errors: number;
  cost_usd: number;
  tokens_in: number;
  tokens_out: number;
}

export interface PhaseProgress {
  name: string;
  kind: string;
  state: PhaseState;
  attempt: number;
  arms: Record<string, ArmCounters>;
  /** Seconds to go at the current rate, when it can be told. */
  eta_s: number | null;
  waits: { count: number; total_s: number };
  paused: boolean;
  /** Units waiting for a provider's backoff to end. */
  deferred: number;
}

export interface RunProgress {
  run_id: string;
  workflow_id: string;
  output_dir: string;
  state: 'starting' | 'running' | 'paused' | 'cancelling' | 'completed' | 'cancelled' | 'failed' | 'exhausted';
  phases: PhaseProgress[];
  current_phase: string | null;
  current_phase_workflow_id: string | null;
}

export const pauseSignal = defineSignal('pause');
export const resumeSignal = defineSignal('resume');
/** Graceful: stop dispatching, let in-flight units finish, write the partial report, complete. */
export const cancelSignal = defineSignal('cancel');
export const phaseProgressSignal = defineSignal<[PhaseProgress]>('phaseProgress');

export const progressQuery = defineQuery<RunProgress>('progress');
export const phaseProgressQuery = defineQuery<PhaseProgress>('phaseProgress');

export function emptyCounters(total = 0): ArmCounters {
  return { total, done: 0, passed: 0, failed: 0, errors: 0, cost_usd: 0, tokens_in: 0, tokens_out: 0 };
}

/**
 * Episode → its phase: a model turn met a rate limit or usage exhaustion. The phase holds the
 * provider in its ProviderGates exactly as for a benchmark unit (one wait recorded per hold,
 * counted toward max_total_wait_s) and answers with `providerHoldSignal`. No row is written.
 */
export interface EpisodeBlocked {
  unit: number;
  /** The episode's count of blocked signals: the phase's answer acks it. */
  seq: number;
  failure_class: 'rate_limited' | 'exhausted';
  retry_after_ms?: number;
}
export const episodeBlockedSignal = defineSignal<[EpisodeBlocked]>('episodeBlocked');

/**
 * Phase → its in-flight episodes of a provider: no model turn of that provider starts before
 * `until_ms` (workflow time; `ack` answers that episode's EpisodeBlocked `seq`); `stop` when usage exhaustion outlasted max_total_wait_s and the
 * phase ends `exhausted` (the episode ends without a row, a re-run resumes it).
 */
export type ProviderHold = { until_ms: number; ack?: number } | { stop: string };
export const providerHoldSignal = defineSignal<[ProviderHold]>('providerHold');
