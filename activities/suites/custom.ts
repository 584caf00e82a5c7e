import { z } from 'zod';
import { TaskSchema, type Task } from '../../config/task';
import { assertUniqueIds, parseRecord, readText, SuiteDataError } from './read-data';

const CustomRecord = TaskSchema.extend({ format: z.enum(['completion', 'instruct']).default('instruct') });

/** A tasks.json: `{"tasks": [...]}` or a bare array of task records. */
export async function loadCustom(file: string): Promise<Task[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof SuiteDataError) throw e;
    throw new SuiteDataError(`${file}: not valid JSON (${(e as Error).message})`);
  }
  const list = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && Array.isArray((doc as { tasks?: unknown }).tasks) ? (doc as { tasks: unknown[] }).tasks : null;
  if (!list) throw new SuiteDataError(`${file}: expected {"tasks": [...]} or a JSON array of tasks`);
  if (list.length === 0) throw new SuiteDataError(`${file}: the task list is empty`);
  const tasks = list.map((v, i) => parseRecord(CustomRecord, v, file, `tasks[${i}]`));
  assertUniqueIds(tasks.map((t) => t.task_id), file);
  return tasks;
}
