import { SUITE_NAMES, type SuiteRef } from '../config/run-config';
import type { Task } from '../config/task';
import { loadSuite } from '../eval/suites';

export function parseSuiteName(name: string): SuiteRef['name'] {
  if (!(SUITE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown suite ${JSON.stringify(name)}; expected one of: ${SUITE_NAMES.join(', ')}`);
  }
  return name as SuiteRef['name'];
}

/** Keeps the tasks named in `ids` (comma-separated), in suite order; unknown ids are an error. */
export function selectTasks(tasks: readonly Task[], ids?: string): Task[] {
  if (!ids) return [...tasks];
  const wanted = new Set(ids.split(',').map((s) => s.trim()).filter(Boolean));
  const known = new Set(tasks.map((t) => t.task_id));
  const unknown = [...wanted].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`--tasks: no task ${unknown.map((u) => JSON.stringify(u)).join(', ')} in this suite (ids look like ${JSON.stringify(tasks[0]?.task_id ?? '')})`);
  }
  return tasks.filter((t) => wanted.has(t.task_id));
}

export async function loadSelectedTasks(suite: string, data: string | undefined, ids: string | undefined): Promise<{ name: SuiteRef['name']; file: string; tasks: Task[] }> {
  const name = parseSuiteName(suite);
  const { file, tasks } = await loadSuite({ name, ...(data ? { data } : {}) });
  return { name, file, tasks: selectTasks(tasks, ids) };
}
