import { promises as fs, createReadStream } from 'node:fs';
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

/** What one line of results.jsonl holds: the meta line, a valid row, or something to skip. */
export type ResultLine = { kind: 'meta'; meta: ResultsMeta } | { kind: 'row'; row: ResultRow } | { kind: 'invalid' } | { kind: 'blank' };

/** Parses one line of results.jsonl: every reader of the file (report, index, view) goes through this. */
export function parseResultLine(line: string): ResultLine {
  if (!line.trim()) return { kind: 'blank' };
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return { kind: 'invalid' };
  }
  if (obj && typeof obj === 'object' && 'meta' in obj) return { kind: 'meta', meta: (obj as { meta: ResultsMeta }).meta };
  const parsed = ResultRowSchema.safeParse(obj);
  return parsed.success ? { kind: 'row', row: parsed.data } : { kind: 'invalid' };
}

/**
 * Streams the complete lines of results.jsonl from byte `from` on, with each line's byte offset and
 * length (a viewer can re-read one row later without scanning again). A last line without its
 * newline is not reported: it may still be being written; `end` is where the next scan starts.
 */
export async function scanResultLines(file: string, from: number, onLine: (line: string, offset: number, bytes: number) => void): Promise<{ end: number }> {
  let stream;
  try {
    await fs.access(file);
    stream = createReadStream(file, { start: from });
  } catch {
    return { end: from };
  }
  let carry: Buffer | null = null;
  let carryAt = from;
  let pos = from;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const base = carry ? carryAt : pos;
    pos += chunk.length;
    let start = 0;
    for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
      onLine(buf.toString('utf8', start, nl), base + start, nl - start);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : null;
    carryAt = base + start;
  }
  return { end: carry ? carryAt : pos };
}

/** Reads results.jsonl, tolerating torn lines and collapsing duplicates by unit key. */
export async function readResults(file: string, opts: ReadOptions = {}): Promise<ReadResults> {
  const out: ReadResults = { meta: null, rows: [], skippedLines: 0, duplicates: 0 };
  const byKey = new Map<string, ResultRow>();
  const take = (line: string) => {
    const l = parseResultLine(line);
    if (l.kind === 'meta') out.meta ??= l.meta;
    else if (l.kind === 'invalid') out.skippedLines++;
    else if (l.kind === 'row') {
      const row = opts.withoutAnswers ? withoutAnswers(l.row) : l.row;
      const k = unitKey(row);
      if (byKey.has(k)) {
        out.duplicates++;
        byKey.delete(k); // re-insert to keep the order of the latest write
      }
      byKey.set(k, row);
    }
  };
  const { end } = await scanResultLines(file, 0, take);
  // A torn last line (a kill mid-append) is read too: it is skipped as invalid, or kept if whole.
  const tail = await readTail(file, end);
  if (tail !== null) take(tail);
  out.rows = [...byKey.values()];
  return out;
}

async function readTail(file: string, from: number): Promise<string | null> {
  const size = await fs.stat(file).then((st) => st.size, () => 0);
  return size > from ? readFileRange(file, from, size - from) : null;
}

/** `length` bytes of a file from `offset`, as text (one row's line, a torn tail). */
export async function readFileRange(file: string, offset: number, length: number): Promise<string> {
  const fh = await fs.open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    await fh.read(buf, 0, length, offset);
    return buf.toString('utf8');
  } finally {
    await fh.close();
  }
}

/** A row without its full answer and output tails (what summaries and indexes keep in memory). */
export function withoutAnswers(r: ResultRow): ResultRow {
  const { answer: _a, answer_tail: _t, stderr_tail: _s, ...rest } = r;
  return rest;
}

export async function appendRows(file: string, rows: ResultRow[]): Promise<{ from: number; to: number } | null> {
  return appendLines(file, rows.map((r) => JSON.stringify(r)));
}

export async function appendMeta(file: string, meta: ResultsMeta): Promise<void> {
  await appendLines(file, [JSON.stringify({ meta })]);
}
