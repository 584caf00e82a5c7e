import { z } from 'zod';
import { SuiteDataError } from './read-data';

/** `suite.options` of the EvalPlus suites (humanevalplus, mbppplus). */
const EvalPlusSuiteOptions = z
  .object({
    /** Run the dataset's original tests too: stricter than EvalPlus, not comparable with its leaderboard. */
    original_check: z.boolean().default(false),
  })
  .strict();

export function evalplusSuiteOptions(suite: string, options: Record<string, unknown> | undefined): { originalCheck: boolean } {
  const r = EvalPlusSuiteOptions.safeParse(options ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
    throw new SuiteDataError(`${suite} suite options: ${issues}; expected { original_check?: boolean }`);
  }
  return { originalCheck: r.data.original_check };
}
