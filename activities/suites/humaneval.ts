import { z } from 'zod';
import { TaskSchema, type Task } from '../../config/task';
import { assertUniqueIds, parseRecord, readJsonl } from './read-data';

/** HumanEval's JSONL record (see datasets/humaneval/SOURCE.md). */
const HumanEvalRecord = z.object({
  task_id: z.string().min(1),
  prompt: z.string(),
  entry_point: z.string().min(1),
  canonical_solution: z.string(),
  test: z.string().min(1),
});

export async function loadHumanEval(file: string): Promise<Task[]> {
  const records = await readJsonl(file);
  const tasks = records.map(({ line, value }) => {
    const r = parseRecord(HumanEvalRecord, value, file, `line ${line}`);
    return TaskSchema.parse({ ...r, test_code: r.test, format: 'completion' });
  });
  assertUniqueIds(tasks.map((t) => t.task_id), file);
  return tasks;
}
