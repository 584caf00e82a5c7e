import { promises as fs, createReadStream } from 'node:fs';
import readline from 'node:readline';
import { ResultRowSchema, unitKey, type ResultRow } from '../config/results';
import { appendLines } from './atomic';

export interface ResultsMeta {
  run_id: string;
  workflow_id?: string;
  started_at: string;
  config: unknown;
}

export interface ReadResults {
  meta: ResultsMeta | null;
  /** One row per unit key, the last written winning (duplicates are tolerated on write). */
  rows: ResultRow[];
  /** Lines that were not valid rows (a torn last line after a kill, hand edits). */
  skippedLines: number;
  duplicates: number;
}

export interface ReadOptions {
  /**
   * Drop the full answers and output tails while reading: summaries (report, progress page) never
   * need them, and at 20,000 units they are most of the file.
   */
  withoutAnswers?: boolean;
}

/** Reads results.jsonl, tolerating torn lines and collapsing duplicates by unit key. */
export async function readResults(file: string, opts: ReadOptions = {}): Promise<ReadResults> {
  const out: ReadResults = { meta: null, rows: [], skippedLines: 0, duplicates: 0 };
  try {
    await fs.access(file);
  } catch {
    return out;
  }
  const byKey = new Map<string, ResultRow>();
  const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      out.skippedLines++;
      continue;
    }
    if (obj && typeof obj === 'object' && 'meta' in obj) {
      out.meta ??= (obj as { meta: ResultsMeta }).meta;
      continue;
    }
    const parsed = ResultRowSchema.safeParse(obj);
    if (!parsed.success) {
      out.skippedLines++;
      continue;
    }
    const row = opts.withoutAnswers ? withoutAnswers(parsed.data) : parsed.data;
    const k = unitKey(row);
    if (byKey.has(k)) {
      out.duplicates++;
      byKey.delete(k); // re-insert to keep the order of the latest write
    }
    byKey.set(k, row);
  }
  out.rows = [...byKey.values()];
  return out;
}

/** A row without its full answer and output tails (what summaries and indexes keep in memory). */
export function withoutAnswers(r: ResultRow): ResultRow {
  const { answer: _a, answer_tail: _t, stderr_tail: _s, ...rest } = r;
  return rest;
}

export async function appendRows(file: string, rows: ResultRow[]): Promise<void> {
  await appendLines(file, rows.map((r) => JSON.stringify(r)));
}

export async function appendMeta(file: string, meta: ResultsMeta): Promise<void> {
  await appendLines(file, [JSON.stringify({ meta })]);
}
