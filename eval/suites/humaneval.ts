import { z } from 'zod';
import { TaskSchema, type Task } from '../../config/task';
import { readJsonlRecords } from './read-data';

/** HumanEval's JSONL record (see datasets/humaneval/SOURCE.md); HumanEval+ extends it. */
export const HumanEvalRecord = z.object({
  task_id: TaskSchema.shape.task_id,
  prompt: z.string(),
  entry_point: TaskSchema.shape.entry_point,
  canonical_solution: z.string(),
  test: z.string().regex(/\bdef check\s*\(/, 'test must be Python source defining check(candidate)'),
});

/** HumanEval: the model continues `prompt`; `test` defines check(candidate). */
export async function loadHumanEval(file: string): Promise<Task[]> {
  const rows = await readJsonlRecords(HumanEvalRecord, file);
  return rows.map(({ record: r }) => ({
    task_id: r.task_id,
    prompt: r.prompt,
    entry_point: r.entry_point,
    canonical_solution: r.canonical_solution,
    test_code: r.test,
    format: 'completion' as const,
  }));
}
