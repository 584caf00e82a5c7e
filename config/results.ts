import { z } from 'zod';

/** Outcome classes of DESIGN.md: never mixed. `error` rows never count in pass rates. */
export const RowStatus = z.enum(['passed', 'failed', 'error']);
export type RowStatus = z.infer<typeof RowStatus>;

export const ResultRowSchema = z.object({
  run_id: z.string(),
  phase: z.string(),
  task_id: z.string(),
  arm: z.string(),
  sample: z.number().int().nonnegative(),
  status: RowStatus,
  /** 1 passed, 0 failed, null for error rows. */
  score: z.number().nullable(),
  duration_ms: z.number().nonnegative(),
  tokens_in: z.number().int().nonnegative().default(0),
  tokens_out: z.number().int().nonnegative().default(0),
  cost_usd: z.number().nonnegative().default(0),
  /** For failed: the reason (assertion, exception type, timeout, no_code, syntax_error). For error: the error kind. */
  reason: z.string().optional(),
  error_kind: z.string().optional(),
  /** The full model answer (replay re-scores it); tails below are for humans. */
  answer: z.string().optional(),
  /** The answer's last 1,000 characters, only when it is longer than that (a shorter answer is its own tail): read `answer_tail ?? answer`. */
  answer_tail: z.string().optional(),
  stderr_tail: z.string().optional(),
  cached: z.boolean().optional(),
  /** The sample's category (custom suite category, BBH subtask, BigCodeBench domain): reports break down by it. */
  category: z.string().optional(),
  /** What the scorer judged, when it extracts an answer (BBH's option). */
  extracted: z.string().optional(),
  /** The scorer's details (per-test outcomes, per-check credit); small. */
  metadata: z.record(z.string(), z.unknown()).optional(),
  attempt: z.number().int().positive().optional(),
  recorded_at: z.string(),
});
export type ResultRow = z.infer<typeof ResultRowSchema>;

export interface UnitKey {
  phase: string;
  task_id: string;
  arm: string;
  sample: number;
}

/** The key of exactly one result row. */
export function unitKey(u: UnitKey): string {
  return `${u.phase}\u241f${u.task_id}\u241f${u.arm}\u241f${u.sample}`;
}

/**
 * The category a row is grouped by in reports and the viewer: the row's own `category`, else a
 * `category` (or `subtask`, `domain`) its scorer left in metadata, so suites that carry it either
 * way group the same.
 */
export function rowCategory(r: Pick<ResultRow, 'category' | 'metadata'>): string | undefined {
  if (r.category !== undefined) return r.category;
  for (const k of ['category', 'subtask', 'domain']) {
    const v = r.metadata?.[k];
    if (typeof v === 'string') return v;
  }
  return undefined;
}
