import type { ResultRow } from '../config/results';

/**
 * A task's outcome in one (run, phase, arm) slice, from its sample rows:
 *  - `passed` if any sample passed (the task was solved at least once: pass@n semantics);
 *  - `failed` if no sample passed and at least one was scored `failed` (error samples beside
 *    scored failures do not rescue the task: the model was scored wrong on its other tries);
 *  - `error` if every sample is an `error` row: never scored, so neither passed nor failed.
 */
export type TaskOutcome = 'passed' | 'failed' | 'error';

export interface TaskResult {
  task_id: string;
  outcome: TaskOutcome;
  passed: number;
  failed: number;
  errors: number;
  /** Distinct reasons of the failed samples (assertion, timeout, no_code ...). */
  reasons: string[];
  /** Distinct error kinds of the error samples. */
  error_kinds: string[];
}

export function taskResults(rows: readonly ResultRow[]): Map<string, TaskResult> {
  const out = new Map<string, TaskResult>();
  for (const r of rows) {
    let t = out.get(r.task_id);
    if (!t) {
      t = { task_id: r.task_id, outcome: 'error', passed: 0, failed: 0, errors: 0, reasons: [], error_kinds: [] };
      out.set(r.task_id, t);
    }
    if (r.status === 'passed') t.passed++;
    else if (r.status === 'failed') {
      t.failed++;
      addDistinct(t.reasons, r.reason ?? 'failed');
    } else {
      t.errors++;
      addDistinct(t.error_kinds, r.error_kind ?? r.reason ?? 'error');
    }
  }
  for (const t of out.values()) t.outcome = t.passed > 0 ? 'passed' : t.failed > 0 ? 'failed' : 'error';
  return out;
}

function addDistinct(list: string[], v: string): void {
  if (!list.includes(v)) list.push(v);
}

/** Sample-level counts: `error` rows are reported beside, never in the pass rate (DESIGN.md). */
export interface Tally {
  passed: number;
  failed: number;
  errors: number;
  /** passed / (passed + failed); null when nothing was scored. */
  pass_rate: number | null;
}

export function tally(rows: readonly ResultRow[]): Tally {
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const r of rows) {
    if (r.status === 'passed') passed++;
    else if (r.status === 'failed') failed++;
    else errors++;
  }
  return { passed, failed, errors, pass_rate: rate(passed, passed + failed) };
}

export function rate(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

export function formatRate(r: number | null): string {
  return r === null ? 'n/a' : `${(r * 100).toFixed(1)}%`;
}
