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
      throw new SuiteDataError(`${file} looks gzipped but does not decompress: ${(e as Error).message}`);
    }
  }
  return buf.toString('utf8');
}

/** Parses JSON Lines; each record is returned with its 1-based line number. */
export async function readJsonl(file: string): Promise<{ line: number; value: unknown }[]> {
  const text = await readText(file);
  const out: { line: number; value: unknown }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) });
    } catch (e) {
      throw new SuiteDataError(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
  });
  if (out.length === 0) throw new SuiteDataError(`${file} holds no records; expected one JSON object per line`);
  return out;
}

/** Validates one record, turning zod issues into `file, record: field: expected ...`. */
export function parseRecord<S extends z.ZodType>(schema: S, value: unknown, file: string, where: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const id = value && typeof value === 'object' && 'task_id' in value ? ` (task_id ${JSON.stringify((value as { task_id: unknown }).task_id)})` : '';
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`).join('; ');
  throw new SuiteDataError(`${file}, ${where}${id}: ${issues}`);
}

export function assertUniqueIds(ids: string[], file: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new SuiteDataError(`${file}: task_id ${JSON.stringify(id)} appears more than once; task ids must be unique`);
    seen.add(id);
  }
}
