import type { Phase, RunConfig } from '../config/run-config';
import type { PhaseState } from '../config/run-record';
import type { ArmCounters } from './messages';

/** What a phase workflow (and each of its activities) needs to know; plain JSON, travels in history. */
export interface PhaseContext {
  run_id: string;
  output_dir: string;
  phase: Phase;
  retry: RunConfig['retry'];
  cache: boolean;
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
  /** Base64 bitmap of units that already have a passed/failed row (error rows are re-run). */
  done_bitmap: string;
  done: number;
  counters: Record<string, ArmCounters>;
}

export interface UnitRef {
  ctx: PhaseContext;
  unit: number;
}

export interface UnitOutcome {
  unit: number;
  arm: string;
  status: 'passed' | 'failed' | 'error';
  cost_usd: number;
  tokens_in: number;
  tokens_out: number;
}

/** ApplicationFailure types thrown by unit activities, read by the phase workflow. */
export const FAILURE = {
  rateLimited: 'rate_limited',
  exhausted: 'exhausted',
  transient: 'transient',
  fatal: 'fatal',
  suiteData: 'SuiteDataError',
  invalidConfig: 'InvalidConfig',
  errorRate: 'ErrorRateExceeded',
} as const;

export interface PhaseResult {
  name: string;
  state: PhaseState;
  message?: string;
  counters: Record<string, ArmCounters>;
  waits: { count: number; total_s: number };
  cost_usd: number;
}
