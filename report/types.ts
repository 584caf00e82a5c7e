import type { AgenticArmSummary } from './agentic';
import type { CrashEvent, PhaseState } from '../config/run-record';
import type { MutationSummary } from './mutation';
import type { PassAtKEstimate } from './pass-at-k';

/**
 * RunSummary is report.json, verbatim. Plain data (JSON round-trips without loss) so that
 * report.md, report.html and progress.html are all rendered from one computed object.
 */

export const REPORT_SCHEMA_VERSION = 1;

export type Counts = Record<string, number>;

export interface ArmSummary {
  arm: string;
  /**
   * Units expected for this arm: the phase's units_total split evenly over its configured arms
   * (units are tasks x arms x samples); null when unknown or not evenly divisible.
   */
  units_total: number | null;
  /** Rows recorded (one per unit key, duplicates collapsed). */
  done: number;
  passed: number;
  failed: number;
  errors: number;
  /** passed / (passed + failed); null with no scored row. Errors never count. */
  pass_rate: number | null;
  /** Mean of the rows' `score` (a mutation phase's per-task mutation score); null when no row has one. */
  mean_score: number | null;
  pass_at_k: PassAtKEstimate[];
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  /** Sum of unit durations (work done, not wall-clock: units run concurrently). */
  duration_ms: number;
  /** error rows by error_kind. */
  error_kinds: Counts;
  /** failed rows by reason. */
  failure_reasons: Counts;
  /** Tasks with at least one error row: the ones to re-run. */
  error_tasks: string[];
  /** Tasks with at least one sample scored `failed`, in first-seen order (reports link each to its sample). */
  failed_tasks: string[];
}

/** One category's outcomes in one arm; errors never count. */
export interface CategoryArmSummary {
  passed: number;
  failed: number;
  errors: number;
  pass_rate: number | null;
  /** Wilson 95% interval of pass_rate; null with no scored row. */
  ci: [number, number] | null;
}

/** A row of the per-category table: the category and each arm's outcomes in it. */
export interface CategorySummary {
  category: string;
  arms: Record<string, CategoryArmSummary>;
}

/** One arm's averages over a phase's categories (report/category-stats.ts). */
export interface CategoryAverage {
  arm: string;
  /** Categories with at least one scored row in this arm. */
  categories: number;
  scored: number;
  passed: number;
  /** Mean of the categories' pass rates: every category weighs the same. */
  macro: number | null;
  /** Normal 95% interval of the macro average (categories independent). */
  macro_ci: [number, number] | null;
  /** passed / scored over all categorized rows: every example weighs the same. */
  micro: number | null;
  /** Wilson 95% interval of the micro average. */
  micro_ci: [number, number] | null;
}

/** McNemar's exact test of two arms on the tasks both scored; category null = all tasks. */
export interface PairedComparison {
  arm_a: string;
  arm_b: string;
  category: string | null;
  /** Tasks scored in both arms. */
  tasks: number;
  passed_a: number;
  passed_b: number;
  /** Passed in A, failed in B (McNemar's b). */
  a_only: number;
  /** Failed in A, passed in B (McNemar's c). */
  b_only: number;
  p_value: number;
}

export interface PhaseSummary {
  name: string;
  kind: string;
  /** From run.json; null when the run record does not know the phase. */
  state: PhaseState | null;
  attempts: number;
  units_total: number | null;
  started_at: string | null;
  ended_at: string | null;
  message: string | null;
  /** The k values of the phase config ([1] when unknown). */
  k: number[];
  /** Tasks the phase's suite options left out, with why (BigCodeBench's --exclude-known-issues). */
  excluded?: { task_id: string; why?: string }[];
  arms: ArmSummary[];
  /** Per-category breakdown, in first-seen order; empty when no row carries a category. */
  categories: CategorySummary[];
  /** Macro and micro averages over the categories per arm; empty without categories. */
  category_averages: CategoryAverage[];
  /** Paired McNemar tests between every two arms, overall and per category; empty with fewer than two arms. */
  comparisons: PairedComparison[];
  /** Mutation phases: score, per operator and surviving mutants; null for other kinds or before any task finished. */
  mutation: MutationSummary | null;
  /** Agentic phases: per-arm episode figures (pass rate with CI, mean score, per-check pass rates, turns, tokens). */
  agentic?: AgenticArmSummary[];
}

export interface WaitTotals {
  count: number;
  total_s: number;
}

export interface RunHealth {
  crashes: {
    total: number;
    by_phase: Counts;
    events: CrashEvent[];
  };
  /** Phases that needed more than one attempt. */
  retried_phases: { name: string; attempts: number; state: PhaseState }[];
  /** Phases that failed after using every allowed attempt (the 3-strike rule). */
  strike_limit_phases: { name: string; attempts: number; message: string | null }[];
  strike_limit: number;
  waits: {
    exhausted: WaitTotals;
    rate_limited: WaitTotals;
    total_s: number;
  };
  /** created_at -> ended_at (or updated_at while unfinished), including retries and waits. */
  wall_clock_s: number | null;
  resume_events: {
    resumed_at: string;
    tasks_skipped: number;
    tasks_remaining: number;
    previous_crash_exit_code: number | null;
  }[];
  /** Count of phases per state. */
  phase_states: Counts;
}

export interface RunSummary {
  schema_version: typeof REPORT_SCHEMA_VERSION;
  run_id: string | null;
  workflow_id: string | null;
  /** Run state from run.json, null when run.json is missing. */
  state: string | null;
  created_at: string | null;
  ended_at: string | null;
  generated_at: string;
  /** A report of a run that did not run to its end (cancelled, still running, phases pending). */
  partial: boolean;
  partial_reason: string | null;
  totals: { done: number; passed: number; failed: number; errors: number; tokens_in: number; tokens_out: number; cost_usd: number };
  phases: PhaseSummary[];
  health: RunHealth;
  /** How the inputs were read: torn/invalid lines skipped, duplicate rows collapsed, files unreadable. */
  inputs: { rows: number; skipped_lines: number; duplicates: number };
  warnings: string[];
}
