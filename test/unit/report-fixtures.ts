import type { ResultRow } from '../../config/results';

/** A result row with defaults; tests state only what matters to them. */
export function row(over: Partial<ResultRow> & Pick<ResultRow, 'task_id' | 'status'>): ResultRow {
  return {
    run_id: 'r1',
    phase: 'bench',
    arm: 'a',
    sample: 0,
    score: over.status === 'passed' ? 1 : over.status === 'failed' ? 0 : null,
    duration_ms: 10,
    tokens_in: 0,
    tokens_out: 0,
    cost_usd: 0,
    recorded_at: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

/** n scored samples of one task, the first c passed, then `errors` error rows. */
export function taskRows(task_id: string, n: number, c: number, errors = 0, over: Partial<ResultRow> = {}): ResultRow[] {
  const out: ResultRow[] = [];
  for (let i = 0; i < n; i++) out.push(row({ task_id, sample: i, status: i < c ? 'passed' : 'failed', reason: i < c ? undefined : 'assertion', ...over }));
  for (let i = 0; i < errors; i++) out.push(row({ task_id, sample: n + i, status: 'error', error_kind: 'api_5xx', ...over }));
  return out;
}
