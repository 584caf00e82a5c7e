import { z } from 'zod';
import { SuiteDataError } from '../read-data';

/**
 * `phases[].suite.options` of the bbh suite (CLI: --subtasks, --n-per-subtask, --start): which
 * subtasks, and examples start..start+n-1 of each in file order, so the task list is a pure
 * function of the options and "what is done" can be read back from results.jsonl alone.
 */
export const BbhOptionsSchema = z
  .object({
    /** Subtask names, as a list or comma-separated; default all in the data folder. */
    subtasks: z
      .union([z.array(z.string().trim().min(1)), z.string()])
      .transform((v) => (Array.isArray(v) ? v : v.split(',').map((s) => s.trim()).filter(Boolean)))
      .optional(),
    n_per_subtask: z.number().int().positive().optional(),
    start: z.number().int().nonnegative().default(0),
  })
  .strict();
export type BbhOptions = z.infer<typeof BbhOptionsSchema>;

export function parseBbhOptions(raw: Record<string, unknown> | undefined): BbhOptions {
  const r = BbhOptionsSchema.safeParse(raw ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
  throw new SuiteDataError(`suite bbh: bad suite.options (${issues}); expected {subtasks?: [names] or "a,b", n_per_subtask?: N >= 1, start?: S >= 0}`);
}
