import { limitReason, testRequest } from '../../sandbox';
import { SandboxError } from '../errors';
import { extractProgram } from '../solvers/baseline';
import type { Score, Scorer } from '../types';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);

/**
 * exec-tests: runs the program against the sample's tests in the sandbox. Passed when the tests
 * pass; a failing test, an exception, a timeout of the candidate, no code or a syntax error are
 * wrong answers (`failed`); a broken sandbox is an infrastructure fault (thrown).
 */
export function execTests(): Scorer {
  return async (state, env): Promise<Score> => {
    const task = state.sample.code;
    if (!task) throw new Error(`sample ${state.sample.id} has no code task: exec-tests scores code samples only (pick another scorer for this suite)`);
    const got = state.output.program !== undefined ? { program: state.output.program, reason: state.output.reason } : await extractProgram(task, state.output.completion);
    if (got.program === null || got.program === undefined) return { status: 'failed', value: 0, reason: got.reason ?? 'no_code' };
    const req = testRequest(task, got.program, await env.sandboxTimeoutMs(task));
    const res = await env.sandbox().run(req);
    if (res.status === 'error') {
      // The sandbox broke, not the candidate: retried by the activity policy, then an error row.
      throw new SandboxError(res.message ?? 'sandbox error');
    }
    const passed = res.status === 'passed';
    return {
      status: passed ? 'passed' : 'failed',
      value: passed ? 1 : 0,
      ...(passed ? {} : { reason: limitReason(res, req) ?? failureReason(res.status, res.exceptionType) }),
      ...(tail(res.stderrTail || res.message) ? { explanation: tail(res.stderrTail || res.message) } : {}),
    };
  };
}

/** The `failed` reason of a sandbox result: timeout, syntax_error (as the solver says it), or the exception type. */
function failureReason(status: string, exceptionType: string | undefined): string {
  if (status === 'timeout') return 'timeout';
  if (exceptionType === 'SyntaxError' || exceptionType === 'IndentationError' || exceptionType === 'TabError') return 'syntax_error';
  return exceptionType ?? 'failed';
}
