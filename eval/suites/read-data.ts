import { promises as fs } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { z } from 'zod';

/** A data-file problem that names the file, the record and the field, and says what was expected. */
export class SuiteDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuiteDataError';
  }
}

/** The file's text; gzip is recognised by name or magic bytes, a UTF-8 byte-order mark is dropped. */
export async function readText(file: string): Promise<string> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (e) {
    throw new SuiteDataError(`cannot read suite data ${file}: ${(e as Error).message}`);
  }
  if (file.endsWith('.gz') || (buf[0] === 0x1f && buf[1] === 0x8b)) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new SuiteDataError(`${file} looks gzipped (by its name or first bytes) but does not decompress: ${(e as Error).message}; expected a gzip of JSON Lines`);
    }
  }
  const text = buf.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface JsonlOptions {
  /**
   * Accept Python's json extensions NaN, Infinity and -Infinity (MBPP+ inputs hold them); they
   * read as null: only Python, which reads the file itself, needs their values.
   */
  pythonFloats?: boolean;
}

const PYTHON_FLOATS = /"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g;
const parseLine = (raw: string, opts: JsonlOptions): unknown => {
  try {
    return JSON.parse(raw);
  } catch (e) {
    if (!opts.pythonFloats) throw e;
    return JSON.parse(raw.replace(PYTHON_FLOATS, (m) => (m.startsWith('"') ? m : 'null')));
  }
};

/** Parses JSON Lines; each record is returned with its 1-based line number. */
export async function readJsonl(file: string, opts: JsonlOptions = {}): Promise<{ line: number; value: unknown }[]> {
  const text = await readText(file);
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: parseLine(raw, opts) });
    } catch (e) {
      throw new SuiteDataError(`${file}, line ${i + 1}: not valid JSON (${(e as Error).message}); expected one JSON object per line`);
    }
  });
  if (out.length === 0) throw new SuiteDataError(`${file} holds no records; expected one JSON object per line`);
  return out;
}

/** Validates one record, turning zod issues into `file, record (task_id X): field: expected ...`. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, file: string, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const id = value && typeof value === 'object' && 'task_id' in value ? ` (task_id ${JSON.stringify((value as { task_id: unknown }).task_id)})` : '';
  const issues = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(record)'}: ${i.message}`).join('; ');
  throw new SuiteDataError(`${file}, ${where}${id}: ${issues}`);
}

/** Validates every line of a JSON Lines file against `schema`, in file order. */
export async function readJsonlRecords<S extends z.ZodType<{ task_id: string }>>(schema: S, file: string, opts: JsonlOptions = {}): Promise<{ line: number; record: z.infer<S> }[]> {
  const rows = (await readJsonl(file, opts)).map(({ line, value }) => ({ line, record: parseRecord(schema, value, file, `line ${line}`) }));
  assertUniqueIds(rows.map((r) => ({ id: r.record.task_id, where: `line ${r.line}` })), file);
  return rows;
}

/** Task ids must be unique: a unit is keyed by task id. */
export function assertUniqueIds(ids: { id: string; where: string }[], file: string): void {
  const seen = new Map<string, string>();
  for (const { id, where } of ids) {
    const first = seen.get(id);
    if (first) throw new SuiteDataError(`${file}, ${where}: task_id ${JSON.stringify(id)} was already used at ${first}; task ids must be unique`);
    seen.set(id, where);
  }
}
