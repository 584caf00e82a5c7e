import type { Task } from '../config/task';
import { selectTasks as selectByIds } from '../analysis/sample-ids';
import { loadCodeTasks } from '../eval/load';
import { phaseEnvironment } from '../eval/environment';
import { resolveSuite } from '../eval/registry';
import { isCodeSuiteName, resolveSuiteFile } from '../eval/suites';

/** Keeps the tasks named in `ids` (comma-separated), in suite order; unknown ids are an error. */
export function selectTasks(tasks: readonly Task[], ids?: string): Task[] {
  if (!ids) return [...tasks];
  return selectByIds(tasks, ids.split(',').map((s) => s.trim()).filter(Boolean), '--tasks');
}

/** The suite's tasks (only `ids` when given) and the library environment their code runs in (`options.environment` overrides the suite's). */
export async function loadSelectedTasks(
  suite: string,
  data: string | undefined,
  ids: string | undefined,
  options?: Record<string, unknown>,
): Promise<{ name: string; file: string; tasks: Task[]; environment?: string }> {
  const def = await resolveSuite(suite); // an unknown name says which ones exist
  const ref = { name: suite, ...(data ? { data } : {}), ...(options ? { options } : {}) };
  const tasks = await loadCodeTasks(ref);
  const file = isCodeSuiteName(suite) ? await resolveSuiteFile({ name: suite, ...(data ? { data } : {}) }) : (data ?? suite);
  const environment = phaseEnvironment({ suite: ref }, def);
  return { name: suite, file, tasks: selectTasks(tasks, ids), ...(environment ? { environment } : {}) };
}
