import { existsSync } from 'node:fs';
import { SUITE_NAMES, type SuiteRef } from '../../config/run-config';
import type { Task } from '../../config/task';
import { loadSuite, SUITES } from '../../eval/suites';

/**
 * The tasks the simulated API knows: `suite` (with optional `data`), else `data` alone (a
 * .json file is a custom tasks.json, anything else HumanEval JSONL), else the built-in custom suite.
 */
export async function loadMockTasks(suite?: string, data?: string): Promise<Task[]> {
  if (suite !== undefined && !(SUITE_NAMES as readonly string[]).includes(suite)) {
    throw new Error(`mock-api: unknown suite "${suite}"; expected one of ${SUITE_NAMES.join(', ')}`);
  }
  const name = (suite ?? (data ? (/\.json$/i.test(data) ? 'custom' : 'humaneval') : 'custom')) as SuiteRef['name'];
  if (!suite && !data && !existsSync(SUITES.custom.builtin ?? '')) {
    throw new Error('mock-api: the built-in custom suite is not there; pass --suite NAME and/or --data FILE so the mock knows the tasks');
  }
  return (await loadSuite({ name, ...(data ? { data } : {}) })).tasks;
}
