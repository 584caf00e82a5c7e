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
  assertWholePrograms(tasks, file, prefix);
  return tasks;
}

/**
 * An `instruct` task's canonical solution is run as a whole program, so it cannot start
 * indented: one that does is a function body meant to continue the prompt (HumanEval style),
 * and every answer would fail with IndentationError. Said once, with the fix, at load time.
 */
function assertWholePrograms(tasks: Task[], file: string, prefix: string): void {
  const bodies = tasks.flatMap((t, i) => (t.format === 'instruct' && startsIndented(t.canonical_solution) ? [`${prefix}[${i}] (${t.task_id})`] : []));
  if (bodies.length === 0) return;
  const shown = bodies.slice(0, 3).join(', ') + (bodies.length > 3 ? ` and ${bodies.length - 3} more` : '');
  throw new SuiteDataError(
    `${file}: ${shown}: canonical_solution starts indented, like a function body that continues the prompt (HumanEval style), ` +
      `but the task's format is "instruct" (the default for custom tasks: the solution is a whole program). ` +
      `Add "format": "completion" to ${bodies.length === 1 ? 'that task' : 'those tasks'}, or make canonical_solution a whole program (the def line included).`,
  );
}

/** True when the first line of code (blank and comment lines skipped) starts with whitespace. */
function startsIndented(code: string): boolean {
  const first = code.split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first !== undefined && /^\s/.test(first);
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}
