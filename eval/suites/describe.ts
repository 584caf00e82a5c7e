import { existsSync } from 'node:fs';
import { CODE_SUITE_NAMES, type CodeSuiteName, type CodeSuiteRef } from './registry';
import { expectedCacheFile } from './evalplus-expected';
import { locateSuiteFile, type Located } from './locate';
import { readJsonl } from './read-data';
import { SUITES } from './registry';

export interface SuiteDescription {
  name: CodeSuiteName;
  description: string;
  /** Where the data would be loaded from right now (nothing is downloaded to find out). */
  source: Located;
  /** File names looked for in $GAUNTLET_DATA_DIR and the user cache. */
  files: string[];
  url?: string;
  /** Tasks in the data, when it is local (records counted, not run, for slow suites). */
  tasks?: number;
  /** Extra state, e.g. whether HumanEval+ expected outputs are cached. */
  note?: string;
  /** Why the data cannot be loaded (the loader's own error). */
  problem?: string;
}

/** What `gauntlet suites` shows. `data` points one suite (or all given by `names`) at a file. */
export async function describeSuites(opts: { names?: CodeSuiteName[]; data?: string } = {}): Promise<SuiteDescription[]> {
  const names = opts.names?.length ? opts.names : [...CODE_SUITE_NAMES];
  return Promise.all(names.map((name) => describeOne({ name, ...(opts.data ? { data: opts.data } : {}) })));
}

async function describeOne(ref: CodeSuiteRef): Promise<SuiteDescription> {
  const info = SUITES[ref.name];
  const base = { name: info.name, description: info.description, files: info.files, ...(info.url ? { url: info.url } : {}) };
  let source: Located;
  try {
    source = locateSuiteFile(ref);
  } catch (e) {
    return { ...base, source: { origin: 'missing', file: undefined }, problem: (e as Error).message };
  }
  if (!source.file) return { ...base, source };
  try {
    if (!info.slowFirstLoad) return { ...base, source, tasks: (await info.load(source.file)).length };
    const tasks = (await readJsonl(source.file)).length;
    const cached = existsSync(await expectedCacheFile(source.file));
    return { ...base, source, tasks, note: cached ? 'expected outputs cached' : 'first load computes the expected outputs (about 1-2 min), then caches them' };
  } catch (e) {
    return { ...base, source, problem: (e as Error).message };
  }
}
