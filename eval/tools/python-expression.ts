import { SandboxError } from '../errors';
import type { Tool } from './types';

/** What the model sees of a run's output at most (the tail is cut, with a note). */
export const PYTHON_OUTPUT_LIMIT = 2000;
/** Wall clock of one call. */
export const PYTHON_CALL_TIMEOUT_MS = 10_000;

/**
 * Runs the code in a fresh sandbox process (nothing survives between calls, let alone
 * episodes) with math and statistics imported; a trailing expression's repr is printed, as in a REPL.
 */
function programOf(code: string): string {
  return [
    'import ast, math, statistics',
    `_src = ${JSON.stringify(code)}`,
    '_tree = ast.parse(_src, mode="exec")',
    '_last = ast.Expression(_tree.body.pop().value) if _tree.body and isinstance(_tree.body[-1], ast.Expr) else None',
    '_g = {"math": math, "statistics": statistics, "__name__": "__main__"}',
    'exec(compile(_tree, "<python_expression>", "exec"), _g)',
    'if _last is not None:',
    '    _v = eval(compile(_last, "<python_expression>", "eval"), _g)',
    '    if _v is not None: print(repr(_v))',
  ].join('\n');
}

/** The end of the output (where results and tracebacks are), with a note of what was cut. */
export function truncate(s: string, totalBytes = Buffer.byteLength(s), limit = PYTHON_OUTPUT_LIMIT): string {
  const kept = s.length <= limit ? s : s.slice(-limit);
  return totalBytes > Buffer.byteLength(kept) ? `[output truncated to its last ${limit} characters of ${totalBytes} bytes]\n${kept}` : kept;
}

export const pythonExpression: Tool = {
  def: {
    name: 'python_expression',
    description: `Runs Python 3 (math and statistics are imported) in a fresh sandbox and returns stdout plus the value of a final expression (its last ${PYTHON_OUTPUT_LIMIT} characters); ${PYTHON_CALL_TIMEOUT_MS / 1000} s per call; nothing is kept between calls.`,
    parameters: { type: 'object', properties: { expression: { type: 'string', description: 'Python code; a final expression is printed' } }, required: ['expression'] },
  },
  async run(args, env) {
    const res = await env.sandbox().run({ program: programOf(String(args.expression)), timeoutMs: PYTHON_CALL_TIMEOUT_MS });
    if (res.status === 'error') throw new SandboxError(res.message ?? 'the sandbox broke running python_expression');
    if (res.status === 'passed') return { content: res.stdoutTail ? truncate(res.stdoutTail, res.stdoutBytes) : '(no output)' };
    const why = res.status === 'timeout' ? `timed out after ${PYTHON_CALL_TIMEOUT_MS / 1000} s` : `${res.exceptionType ?? 'error'}: ${res.message ?? ''}`;
    return { content: truncate(`${res.stdoutTail}${res.stdoutTail ? '\n' : ''}${why}\n${res.stderrTail}`.trim()), is_error: true };
  },
};
