import type { CodeSuiteRef } from './registry';
import type { Task } from '../../config/task';
import { resolveSuiteFile } from './locate';
import { SUITES, type LoadOptions } from './registry';

export { SuiteDataError } from './read-data';
export { cacheDir } from './cache-dir';
export { SUITES, CODE_SUITE_NAMES, isCodeSuiteName, type SuiteInfo, type LoadOptions, type CodeSuiteName, type CodeSuiteRef } from './registry';
export { describeSuites, type SuiteDescription } from './describe';
export { locateSuiteFile, resolveSuiteFile, type Located } from './locate';

/**
 * Loads a suite in its deterministic (file) order. `opts.onProgress` reports slow first-load work
 * (HumanEval+ expected outputs) so an activity can heartbeat.
 */
export async function loadSuite(ref: CodeSuiteRef, opts: LoadOptions = {}): Promise<{ file: string; tasks: Task[] }> {
  const file = await resolveSuiteFile(ref);
  return { file, tasks: await SUITES[ref.name].load(file, opts) };
}
