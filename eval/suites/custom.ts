import { z } from 'zod';
import { TaskSchema, type Task } from '../../config/task';
import { assertUniqueIds, parseRecord, readText, SuiteDataError } from './read-data';

/** Custom tasks are whole-solution ("instruct") unless they say otherwise. */
const CustomRecord = TaskSchema.extend({ format: z.enum(['completion', 'instruct']).default('instruct') });

/** A tasks.json: `{"tasks": [...]}` or a bare array of task records, loaded in file order. */
export async function loadCustom(file: string): Promise<Task[]> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof SuiteDataError) throw e;
    throw new SuiteDataError(`${file}: not valid JSON (${(e as Error).message}); expected {"tasks": [...]} or a JSON array of tasks`);
  }
  const wrapped = doc !== null && typeof doc === 'object' && !Array.isArray(doc);
  const list: unknown = wrapped ? (doc as { tasks?: unknown }).tasks : doc;
  const prefix = wrapped ? 'tasks' : '';
  if (!Array.isArray(list)) {
    const got = wrapped ? `an object whose "tasks" is ${describe(list)}` : describe(doc);
    throw new SuiteDataError(`${file}: expected {"tasks": [...]} or a JSON array of tasks, got ${got}`);
  }
  if (list.length === 0) throw new SuiteDataError(`${file}: the task list is empty; expected at least one task`);
  const tasks = list.map((v, i) => parseRecord(CustomRecord, v, file, `${prefix}[${i}]`));
  assertUniqueIds(tasks.map((t, i) => ({ id: t.task_id, where: `${prefix}[${i}]` })), file);
  return tasks;
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}
