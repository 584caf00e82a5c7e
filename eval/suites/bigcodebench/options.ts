import { z } from 'zod';
import { SuiteDataError } from '../read-data';

/** BigCodeBench's suite options (`phases[].suite.options`; CLI --split, --no-calibrated, --env, --exclude-known-issues). */
export const BigCodeBenchOptions = z
  .object({
    /** complete: continue the docstring'd signature; instruct: a natural-language instruction (chat models). */
    split: z.enum(['complete', 'instruct']).default('complete'),
    /** The official calibrated scoring: the task's code_prompt (imports + signature) goes before every answer. */
    calibrated: z.boolean().default(true),
    /** Run in another environment than the suite's own (e.g. bigcodebench-ci, the part CI installs). */
    environment: z.string().min(1).optional(),
    /** Leave out the tasks in suites/bigcodebench/known-issues.json (need network, a display, ...). */
    exclude_known_issues: z.boolean().default(false),
    /** Tasks to leave out, with why (what --exclude-known-issues writes into the run config, so the report can list them). */
    exclude: z.array(z.object({ task_id: z.string(), why: z.string().optional() })).optional(),
  })
  .strict();
export type BigCodeBenchOptions = z.infer<typeof BigCodeBenchOptions>;

export function parseOptions(raw: Record<string, unknown> | undefined, suite: string): BigCodeBenchOptions {
  const r = BigCodeBenchOptions.safeParse(raw ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.map(String).join('.') || '(options)'}: ${i.message}`).join('; ');
  throw new SuiteDataError(`suite ${suite}: bad suite.options: ${issues}; known options: split (complete|instruct), calibrated (boolean), environment (name), exclude_known_issues (boolean), exclude ([{task_id, why}])`);
}
