import { parseUnittestReport } from '../../sandbox/unittest-program';
import { limitReason, testRequest } from '../../sandbox';
import { SandboxError } from '../errors';
import { extractProgram } from '../solvers/baseline';
import type { Score, Scorer } from '../types';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);

/**
 * unittest: runs the sample's unittest.TestCase tests against the program in the sandbox (in the
 * sample's environment); passed only when every test passed. Per-test outcomes go to the row's
 * `metadata.tests` (and the first error line of each failing test to `metadata.details`). A
 * failing or erroring test, an error in setUp, a test that calls sys.exit, a timeout or no code
 * are wrong answers (`failed`); only a broken sandbox throws. A sample's
 * `metadata.program_prefix` (BigCodeBench's calibration: its imports and signature) goes before
 * the program.
 */
export function unittestScorer(): Scorer {
  return async (state, env): Promise<Score> => {
    const task = state.sample.code;
    if (!task) throw new Error(`sample ${state.sample.id} has no code task: the unittest scorer scores code samples with unittest tests only`);
    const got = state.output.program !== undefined ? { program: state.output.program, reason: state.output.reason } : await extractProgram(task, state.output.completion);
    if (got.program === null || got.program === undefined) return { status: 'failed', value: 0, reason: got.reason ?? 'no_code' };
    const prefix = typeof state.sample.metadata.program_prefix === 'string' ? state.sample.metadata.program_prefix : '';
    const req = testRequest({ ...task, test_harness: 'unittest' }, prefix + got.program, await env.sandboxTimeoutMs(task));
    const res = await env.sandbox().run(req);
    if (res.status === 'error') throw new SandboxError(res.message ?? 'sandbox error');
    const report = parseUnittestReport(res.stdoutTail);
    const tests = report?.tests ?? {};
    const failing = Object.entries(tests).filter(([, o]) => o === 'failed' || o === 'error').map(([n]) => n);
    const metadata = {
      tests,
      ...(failing.length ? { failing } : {}),
      ...(report && Object.keys(report.details).length ? { details: report.details } : {}),
      ...(res.status === 'timeout' ? { timeout: true } : {}),
    };
    const passed = res.status === 'passed' && report !== null && failing.length === 0;
    return {
      status: passed ? 'passed' : 'failed',
      value: passed ? 1 : 0,
      ...(passed ? {} : { reason: limitReason(res, req) ?? reasonOf(res.status, res.exceptionType, report === null, failing.length, Object.keys(tests).length) }),
      ...(passed ? {} : tail(res.stderrTail || res.message) ? { explanation: tail(res.stderrTail || res.message) } : {}),
      metadata,
    };
  };
}

/** timeout, syntax_error, tests_failed (some test failed or errored), or what ended the program before its tests ran. */
function reasonOf(status: string, exceptionType: string | undefined, noReport: boolean, failing: number, total: number): string {
  if (status === 'timeout') return 'timeout';
  if (exceptionType === 'SyntaxError' || exceptionType === 'IndentationError' || exceptionType === 'TabError') return 'syntax_error';
  if (!noReport && failing > 0) return `tests_failed ${failing}/${total}`;
  return exceptionType ?? 'failed';
}
