import { existsSync } from 'node:fs';
import type { Task } from '../../config/task';
import { loadCodeTasks } from '../../eval/load';
import { SUITES } from '../../eval/suites';

/**
 * The tasks the simulated API knows: `suite` (with optional `data`), else `data` alone (a
 * .json file is a custom tasks.json, anything else HumanEval JSONL), else the built-in custom suite.
 */
export async function loadMockTasks(suite?: string, data?: string): Promise<Task[]> {
  const name = suite ?? (data ? (/\.json$/i.test(data) ? 'custom' : 'humaneval') : 'custom');
  if (!suite && !data && !existsSync(SUITES.custom.builtin ?? '')) {
    throw new Error('mock-api: the built-in custom suite is not there; pass --suite NAME and/or --data FILE so the mock knows the tasks');
  }
  return loadCodeTasks({ name, ...(data ? { data } : {}) });
}
