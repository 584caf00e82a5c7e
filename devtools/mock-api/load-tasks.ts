import { existsSync, statSync } from 'node:fs';
import type { Task } from '../../config/task';
import { loadSamples } from '../../eval/load';
import { SUITES } from '../../eval/suites';
import type { Sample } from '../../eval/types';

/** What the simulated API can answer: code tasks (canonical solutions) and question samples with targets (BBH). */
export interface MockKnowledge {
  tasks: Task[];
  questions: Sample[];
}

/**
 * The samples the simulated API knows: `suite` (with optional `data`), else `data` alone (a
 * folder is BBH, a .json file a custom tasks.json, anything else HumanEval JSONL), else the
 * built-in custom suite.
 */
export async function loadMockKnowledge(suite?: string, data?: string): Promise<MockKnowledge> {
  const name = suite ?? (data ? guessSuite(data) : 'custom');
  if (!suite && !data && !existsSync(SUITES.custom.builtin ?? '')) {
    throw new Error('mock-api: the built-in custom suite is not there; pass --suite NAME and/or --data FILE so the mock knows the tasks');
  }
  const { samples } = await loadSamples({ name, ...(data ? { data } : {}) });
  return { tasks: samples.flatMap((s) => (s.code ? [s.code] : [])), questions: samples.filter((s) => !s.code && s.target !== undefined) };
}

function guessSuite(data: string): string {
  if (existsSync(data) && statSync(data).isDirectory()) return 'bbh';
  return /\.json$/i.test(data) ? 'custom' : 'humaneval';
}
