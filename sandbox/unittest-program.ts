import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const HARNESS = readFileSync(fileURLToPath(new URL('./py/unittest_harness.py', import.meta.url)), 'utf8');

/** The line the harness prints with every test's outcome (after the program's own output). */
export const UNITTEST_MARKER = '__gauntlet_unittest__ ';

/**
 * A program that runs `tests` (unittest.TestCase classes, BigCodeBench style) against
 * `candidate`: both go to the harness as one source string (a JSON string is a valid Python
 * string literal), so nothing in them can break out of the harness's own code.
 */
export function buildUnittestProgram(testCode: string, candidate: string): string {
  const source = `${candidate}\n${testCode}\n`;
  return `${HARNESS}\n_gauntlet_unittest(${JSON.stringify(source)}, ${JSON.stringify(UNITTEST_MARKER)})\n`;
}

export type TestOutcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface UnittestReport {
  tests: Record<string, TestOutcome>;
  /** First error line per failing test, and `ALL` when the program broke before any test ran. */
  details: Record<string, string>;
}

/** The harness's report from a stdout tail (the last marked line), or null when the program never got that far. */
export function parseUnittestReport(stdout: string): UnittestReport | null {
  const at = stdout.lastIndexOf(UNITTEST_MARKER);
  if (at < 0) return null;
  const line = stdout.slice(at + UNITTEST_MARKER.length).split('\n')[0]!;
  try {
    const v = JSON.parse(line) as UnittestReport;
    return v && typeof v.tests === 'object' ? v : null;
  } catch {
    return null;
  }
}
