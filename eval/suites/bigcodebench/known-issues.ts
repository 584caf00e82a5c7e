import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SuiteDataError } from '../read-data';

export const KNOWN_ISSUES_FILE = fileURLToPath(new URL('../../../suites/bigcodebench/known-issues.json', import.meta.url));

const KnownIssues = z.object({
  about: z.string().optional(),
  issues: z.array(
    z.object({
      task_id: z.string(),
      /** What fails (the validate outcome and error). */
      what: z.string(),
      /** Why: needs network, a display, a missing system library, a flaky test... */
      why: z.string(),
    }),
  ),
});
export type KnownIssue = z.infer<typeof KnownIssues>['issues'][number];

/** suites/bigcodebench/known-issues.json: tasks whose canonical solution cannot pass here, and why. */
export function knownIssues(file = KNOWN_ISSUES_FILE): KnownIssue[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SuiteDataError(`${file}: ${(e as Error).message}; expected {"issues": [{task_id, what, why}]}`);
  }
  const r = KnownIssues.safeParse(raw);
  if (!r.success) throw new SuiteDataError(`${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data.issues;
}
