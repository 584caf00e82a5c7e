import type { RunSummary } from '../report/types';

/**
 * What progress.html shows, per phase and arm. The same shape suits the workflow's `progress`
 * query, so the page can be rendered from either the query result or the files.
 */
export interface ArmProgress {
  arm: string;
  /** Units expected; null when unknown. */
  total: number | null;
  done: number;
  passed: number;
  failed: number;
  errors: number;
  cost_usd: number;
  /** passed / (passed + failed) so far; errors never count. */
  pass_rate?: number | null;
  /** Seconds to go, when someone estimated it. */
  eta_s?: number | null;
}

/** One category (BBH subtask) of the per-category grid: each arm's outcomes so far. */
export interface CategoryProgress {
  category: string;
  arms: Record<string, { passed: number; failed: number; errors: number }>;
}

export interface PhaseProgress {
  name: string;
  kind?: string;
  state: string | null;
  arms: ArmProgress[];
  eta_s?: number | null;
  categories?: CategoryProgress[];
}

export interface RunProgress {
  run_id: string | null;
  state: string | null;
  /** ISO time the figures were taken. */
  updated_at: string;
  phases: PhaseProgress[];
}

export function isRunSummary(x: RunSummary | RunProgress): x is RunSummary {
  return 'schema_version' in x;
}

/**
 * Converts a report summary to the progress shape. A running phase gets an ETA from its own pace
 * since started_at (rough: after a resume, rows of earlier attempts make it optimistic).
 */
export function progressFromSummary(s: RunSummary): RunProgress {
  const now = Date.parse(s.generated_at);
  return {
    run_id: s.run_id,
    state: s.state,
    updated_at: s.generated_at,
    phases: s.phases.map((p) => {
      const running = p.state === 'running';
      const arms = p.arms.map((a) => ({
        arm: a.arm,
        total: a.units_total,
        done: a.done,
        passed: a.passed,
        failed: a.failed,
        errors: a.errors,
        cost_usd: a.cost_usd,
        pass_rate: a.pass_rate,
        // Arms' units interleave, so each arm's own pace is the phase's.
        eta_s: running ? estimateEta(p.started_at, now, a.done, a.units_total) : null,
      }));
      const done = arms.reduce((n, a) => n + a.done, 0);
      const categories = p.categories.map((c) => ({ category: c.category, arms: Object.fromEntries(Object.entries(c.arms).map(([arm, x]) => [arm, { passed: x.passed, failed: x.failed, errors: x.errors }])) }));
      return { name: p.name, kind: p.kind, state: p.state, arms, eta_s: running ? estimateEta(p.started_at, now, done, p.units_total) : null, ...(categories.length ? { categories } : {}) };
    }),
  };
}

/** Remaining units at the pace so far; null when the pace or the total is unknown. */
export function estimateEta(startedAt: string | null, now: number, done: number, total: number | null): number | null {
  if (!startedAt || total === null || done <= 0) return null;
  const elapsed = (now - Date.parse(startedAt)) / 1000;
  if (!(elapsed > 0)) return null;
  return (Math.max(0, total - done) * elapsed) / done;
}
