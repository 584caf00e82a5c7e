import type { Task } from '../config/task';
import { selectTasks as selectByIds } from '../analysis/sample-ids';
import { loadCodeTasks } from '../eval/load';
import { resolveSuite } from '../eval/registry';
import { isCodeSuiteName, resolveSuiteFile } from '../eval/suites';

/** Keeps the tasks named in `ids` (comma-separated), in suite order; unknown ids are an error. */
export function selectTasks(tasks: readonly Task[], ids?: string): Task[] {
  if (!ids) return [...tasks];
  return selectByIds(tasks, ids.split(',').map((s) => s.trim()).filter(Boolean), '--tasks');
}

export async function loadSelectedTasks(suite: string, data: string | undefined, ids: string | undefined): Promise<{ name: string; file: string; tasks: Task[] }> {
  await resolveSuite(suite); // an unknown name says which ones exist
  const tasks = await loadCodeTasks({ name: suite, ...(data ? { data } : {}) });
  const file = isCodeSuiteName(suite) ? await resolveSuiteFile({ name: suite, ...(data ? { data } : {}) }) : (data ?? suite);
  return { name: suite, file, tasks: selectTasks(tasks, ids) };
}
