import { promises as fs } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { OperatorSchema } from './operators';
import type { Mutant } from './mutants';

/**
 * The per-suite ignore file: mutants known to be equivalent (no test can tell them apart from the
 * canonical solution). Each entry must say why, so an ignore never silently hides a weak test.
 */
/** The built-in custom suite's ignore file, used when `--ignore` is not given. */
export const DEFAULT_CUSTOM_IGNORE = fileURLToPath(new URL('../suites/custom/mutation-ignore.json', import.meta.url));

export const IgnoreEntrySchema = z.object({
  task_id: z.string().min(1, 'expected the task_id of the mutated task'),
  operator: OperatorSchema,
  line: z.number().int().positive('expected the 1-based line of the mutant in the canonical program'),
  /** Narrows the entry to one mutant when an operator makes several on the line. */
  replacement: z.string().optional(),
  reason: z.string().trim().min(1, 'expected a non-empty reason saying why this mutant is equivalent'),
});
export type IgnoreEntry = z.infer<typeof IgnoreEntrySchema>;

export const IgnoreFileSchema = z.object({ ignored: z.array(IgnoreEntrySchema) }).strict();

export class IgnoreFileError extends Error {
  override name = 'IgnoreFileError';
}

/** Validates an ignore document; errors name the file, the field path and what was expected. */
export function parseIgnoreFile(doc: unknown, file: string): IgnoreEntry[] {
  const r = IgnoreFileSchema.safeParse(doc);
  if (r.success) return r.data.ignored;
  const issues = r.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('; ');
  throw new IgnoreFileError(`${file}: ${issues}. Expected {"ignored": [{"task_id", "operator", "line", "replacement"?, "reason"}]}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(document)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

/** Reads an ignore file; a missing file means nothing is ignored. */
export async function loadIgnoreFile(file: string): Promise<IgnoreEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new IgnoreFileError(`${file}: cannot read the ignore file (${(e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new IgnoreFileError(`${file}: not valid JSON (${(e as Error).message}); fix the syntax or remove the file`);
  }
  return parseIgnoreFile(doc, file);
}

/** The entry that ignores this mutant of this task, if any. */
export function findIgnore(entries: readonly IgnoreEntry[], taskId: string, m: Pick<Mutant, 'operator' | 'start' | 'replacement'>): IgnoreEntry | undefined {
  return entries.find(
    (e) => e.task_id === taskId && e.operator === m.operator && e.line === m.start.line && (e.replacement === undefined || e.replacement === m.replacement),
  );
}
