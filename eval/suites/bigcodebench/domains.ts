import { readFileSync } from 'node:fs';
import { SuiteDataError } from '../read-data';

/** task2domain.json: task id -> one domain label per library the task uses. */
export function readTask2Domain(file: string | undefined): Map<string, string[]> {
  if (!file) return new Map();
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return new Map(Object.entries(v).map(([k, d]) => [k, Array.isArray(d) ? d.map(String) : [String(d)]]));
  } catch (e) {
    throw new SuiteDataError(`${file}: ${(e as Error).message}; expected {"BigCodeBench/0": ["General", ...], ...}`);
  }
}

/**
 * A task's one category for per-category reports: its most frequent domain other than
 * `General` (ties: the first library's), else `General`. (BigCodeBench labels each library with
 * a domain; a task using pandas and matplotlib is Computation and Visualization, and the
 * stdlib-only ones are General.)
 */
export function primaryDomain(labels: readonly string[]): string | undefined {
  if (labels.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== 'General') counts.set(l, (counts.get(l) ?? 0) + 1);
  let best: string | undefined;
  for (const [l, n] of counts) if (best === undefined || n > counts.get(best)!) best = l;
  return best ?? 'General';
}
