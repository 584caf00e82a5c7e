import type { Phase, RunConfig } from '../config/run-config';
import type { PhaseState } from '../config/run-record';
import type { ResultRow } from '../config/results';
import type { ArmCounters } from './messages';
import type { Need } from './capabilities';

/** What a phase workflow (and each of its activities) needs to know; plain JSON, travels in history. */
export interface PhaseContext {
  run_id: string;
  output_dir: string;
  phase: Phase;
  retry: RunConfig['retry'];
  cache: boolean;
  /** The store queue (contract/store.ts) of the run's file activities; absent: the run's own task queue. */
  store_queue?: string;
}

/** A phase's units, enumerated task-major: unit u = (task ⌊u/(A·S)⌋, arm ⌊u/S⌋ mod A, sample u mod S). */
export interface PhasePlan {
  units_total: number;
  tasks: number;
  /** Task ids in suite order (for activity summaries in the UI). */
  task_ids: string[];
  arms: string[];
  /** Provider of each arm (rate limits and backoff are per provider). */
  providers: string[];
  samples_per_task: number;
  /** Start-to-close of one unit activity, as the phase kind sizes it. */
  unit_timeout_s: number;
  /** Per arm: may its units be evaluated several per activity (no rate-limited model call, short units)? */
  batchable?: boolean[];
  /** Units are agentic episodes: run-phase starts an episode child workflow per unit (absent in older plans). */
  episodes?: boolean;
  /**
   * Per arm: what its units need from a worker (environment, provider key), which routes them to
   * a capability task queue (contract/capabilities.ts); absent when no arm needs anything (and in older plans).
   */
  needs?: (Need | null)[];
  /** Base64 bitmap of units that already have a passed/failed row (error rows are re-run). */
  done_bitmap: string;
  done: number;
  counters: Record<string, ArmCounters>;
}

export interface UnitRef {
  ctx: PhaseContext;
  unit: number;
  /**
   * Evaluate only and hand the row back (the phase records it on the store queue). Absent in
   * histories from before the store queue: the unit activity records its row where it runs.
   */
  return_rows?: boolean;
}

export interface UnitOutcome {
  unit: number;
  arm: string;
  status: 'passed' | 'failed' | 'error';
  cost_usd: number;
  tokens_in: number;
  tokens_out: number;
  /** Time the unit took in its activity (0 when it was already recorded); sizes the next batch. */
  duration_ms?: number;
  /** The row to record (only with `return_rows`): the phase hands it to recordRows on the store queue. */
  row?: ResultRow;
}

/** Several units in one activity (units that make no rate-limited model call: reference, replay, validate). */
export interface UnitsRef {
  ctx: PhaseContext;
  units: number[];
  return_rows?: boolean;
  /** Evaluate the units side by side (model-bound units: seconds of waiting each), not one after the other. */
  concurrent?: boolean;
  /**
   * With `concurrent`: at most this many in flight, the next starting as soon as one ends (no
   * round trip through the workflow per unit). Absent: all of them at once.
   */
  width?: number;
}

/** A unit of a batch that met a rate limit or usage exhaustion: no row; the phase holds its provider and queues it again. */
export interface LimitedUnit {
  unit: number;
  failure_class: 'rate_limited' | 'exhausted';
  retry_after_ms?: number;
}

export interface BatchOutcome {
  outcomes: UnitOutcome[];
  /**
   * Units whose evaluation threw: handed back to be run alone as `runUnit`, with its retry
   * policy and failure classes (a batch never turns one unit's fault into its neighbours' error).
   */
  deferred: number[];
  /** Concurrent batches only: units that met a rate limit or exhaustion (absent before them). */
  limited?: LimitedUnit[];
  /**
   * Units of a `width` batch never started because a unit of the batch (or of another batch of
   * the provider in this worker) met a rate limit or exhaustion: queued again by the phase, no row.
   */
  unstarted?: number[];
}

/**
 * The one set of failure type names (ApplicationFailure.type) that activities throw and the
 * workflows act on. Rate limits and exhaustion hold the provider (no row); fatal, bad suite data
 * and an invalid config end the phase at once; sandbox and transient faults are retried, then
 * recorded as `error` rows; error_rate is the phase verdict that counts a strike.
 */
export const FAILURE = {
  rateLimited: 'rate_limited',
  exhausted: 'exhausted',
  transient: 'transient',
  fatal: 'fatal',
  suiteData: 'suite_data',
  invalidConfig: 'invalid_config',
  errorRate: 'error_rate',
  sandbox: 'sandbox_error',
  /** A phase that would end `completed` with units that have no row. */
  incomplete: 'incomplete_results',
  /** A run whose every phase failed: the workflow fails (after the report), its outcome in the details. */
  runFailed: 'run_failed',
} as const;

export interface PhaseResult {
  name: string;
  state: PhaseState;
  message?: string;
  counters: Record<string, ArmCounters>;
  waits: { count: number; total_s: number };
  cost_usd: number;
}
