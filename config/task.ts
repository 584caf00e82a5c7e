import { z } from 'zod';

/**
 * A task (Inspect's "sample"): one problem with its canonical solution and tests.
 * `format` says how a model answer becomes a program:
 *  - `completion`: the answer continues `prompt` (HumanEval style), program = prompt + answer;
 *  - `instruct`: the answer is a whole solution (custom suite style), program = answer.
 */
export const TaskSchema = z.object({
  task_id: z.string().min(1, 'task_id must be a non-empty string'),
  prompt: z.string(),
  entry_point: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'entry_point must be a Python identifier'),
  canonical_solution: z.string(),
  test_code: z.string().min(1, 'test_code must hold the tests'),
  format: z.enum(['completion', 'instruct']).default('completion'),
  category: z.string().optional(),
  /** Per-task sandbox timeout override (seconds of wall clock). */
  timeout_s: z.number().positive().optional(),
  /** CPU-time limit of the whole test program (seconds); default a backstop just above the wall clock. */
  cpu_timeout_s: z.number().positive().optional(),
  /** Address-space limit of the test program (MB); default the sandbox's 1024. */
  memory_mb: z.number().int().positive().optional(),
  /** How the tests run: `check` (asserts / check(candidate), the default) or `unittest` (TestCase classes, all must pass). */
  test_harness: z.enum(['check', 'unittest']).optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/** The program that the tests run against for a given answer. */
export function candidateProgram(task: Task, answer: string): string {
  return task.format === 'completion' ? task.prompt + answer : answer;
}

/** The canonical solution as a full program. */
export function canonicalProgram(task: Task): string {
  return candidateProgram(task, task.canonical_solution);
}
