import type { Operator } from './operators';

/** Mutant states exactly as Stryker names them (NoCoverage is not produced: every mutant runs all tests). */
export type MutantStatus = 'Killed' | 'Survived' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored';

export type StatusCounts = Record<MutantStatus, number>;

export interface Metrics extends StatusCounts {
  total: number;
  /** Killed + Timeout. */
  detected: number;
  /** detected + Survived: the mutants that say something about the tests. */
  valid: number;
  /** detected / valid in percent; null when no mutant is valid. */
  score: number | null;
}

export function metrics(statuses: Iterable<MutantStatus>): Metrics {
  const c: StatusCounts = { Killed: 0, Survived: 0, Timeout: 0, CompileError: 0, RuntimeError: 0, Ignored: 0 };
  let total = 0;
  for (const s of statuses) {
    c[s]++;
    total++;
  }
  const detected = c.Killed + c.Timeout;
  const valid = detected + c.Survived;
  return { ...c, total, detected, valid, score: valid ? (100 * detected) / valid : null };
}

/** Metrics per operator, for every operator that produced at least one mutant. */
export function metricsByOperator(mutants: Iterable<{ operator: Operator; status: MutantStatus }>): Partial<Record<Operator, Metrics>> {
  const groups = new Map<Operator, MutantStatus[]>();
  for (const m of mutants) {
    const list = groups.get(m.operator) ?? [];
    list.push(m.status);
    groups.set(m.operator, list);
  }
  return Object.fromEntries([...groups].map(([op, list]) => [op, metrics(list)]));
}

export function formatScore(score: number | null): string {
  return score === null ? 'n/a' : `${score.toFixed(2)}%`;
}
