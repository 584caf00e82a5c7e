import type { RunConfig } from '../config/run-config';
import { isCodeSuiteName, locateSuiteFile, SUITES, SuiteDataError, type CodeSuiteRef } from '../eval/suites';
import { CliError } from './client';

/**
 * Deterministic input errors are found before a run starts, not after three strikes: every
 * built-in code suite's data file must exist, and files that load quickly (all but a first
 * HumanEval+ load, which computes expected outputs) must parse. Other suites load their own data
 * on the worker, where bad input also ends the phase `fatal` at once. Workers on other machines see their own disks;
 * a file present here and absent there still ends the phase `fatal` at once.
 */
export async function checkSuites(config: RunConfig): Promise<void> {
  const seen = new Set<string>();
  for (const phase of config.phases) {
    const key = JSON.stringify(phase.suite);
    if (seen.has(key) || !isCodeSuiteName(phase.suite.name)) continue;
    seen.add(key);
    try {
      await checkSuite({ name: phase.suite.name, data: phase.suite.data });
    } catch (e) {
      if (e instanceof SuiteDataError) throw new CliError(`phase ${phase.name}: ${e.message}\n(nothing was started: fix the data and run again)`);
      throw e;
    }
  }
}

async function checkSuite(ref: CodeSuiteRef): Promise<void> {
  const loc = locateSuiteFile(ref);
  const info = SUITES[ref.name];
  // Not local yet (downloaded by the worker) or slow to load: the worker says what is wrong.
  if (!loc.file || info.slowFirstLoad) return;
  await info.load(loc.file);
}
