import type { SuiteRef } from '../../config/run-config';
import type { Task } from '../../config/task';
import { resolveSuiteFile } from './locate';
import { SUITES, type LoadOptions } from './registry';

export { SuiteDataError } from './read-data';
export { cacheDir } from './cache-dir';
export { SUITES, type SuiteInfo, type LoadOptions } from './registry';
export { describeSuites, type SuiteDescription } from './describe';
export { locateSuiteFile, resolveSuiteFile, type Located } from './locate';

/**
 * Loads a suite in its deterministic (file) order. `opts.onProgress` reports slow first-load work
 * (HumanEval+ expected outputs) so an activity can heartbeat.
 */
export async function loadSuite(ref: SuiteRef, opts: LoadOptions = {}): Promise<{ file: string; tasks: Task[] }> {
  const file = await resolveSuiteFile(ref);
  return { file, tasks: await SUITES[ref.name].load(file, opts) };
}
