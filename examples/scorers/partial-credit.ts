import { extractProgram, type Scorer } from '../../eval';

const MARK = 'GAUNTLET_PARTIAL ';

/**
 * Partial credit: the share of the tests' assert statements that pass, each run on its own (a
 * failing assert does not hide the ones after it). Passed only when every assert passes.
 *
 * An example of a scorer with partial credit in `value`, not a security boundary: the verdict
 * travels on the program's stdout, which a hostile candidate could forge (the built-in
 * exec-tests uses the sandbox's harness-only channel instead).
 *
 *   gauntlet run custom --model openai/gpt-4o --scorer ./examples/scorers/partial-credit.ts#partialCredit
 */
export const partialCredit: Scorer = async (state, env) => {
  const task = state.sample.code;
  if (!task) throw new Error(`partialCredit scores code samples; ${state.sample.id} has none`);
  const got = state.output.program !== undefined ? { program: state.output.program, reason: state.output.reason } : await extractProgram(task, state.output.completion);
  if (!got.program) return { status: 'failed', value: 0, reason: got.reason ?? 'no_code' };
  const res = await env.sandbox().run({ program: got.program + harness(task.test_code, task.entry_point), timeoutMs: await env.sandboxTimeoutMs(task) });
  const line = res.stdoutTail.split('\n').reverse().find((l) => l.startsWith(MARK));
  if (!line) return { status: 'failed', value: 0, reason: res.status === 'timeout' ? 'timeout' : (res.exceptionType ?? 'no_verdict'), explanation: res.stderrTail };
  const { passed, total } = JSON.parse(line.slice(MARK.length)) as { passed: number; total: number };
  const value = total > 0 ? passed / total : 0;
  return { status: total > 0 && passed === total ? 'passed' : 'failed', value, ...(passed < total ? { reason: `${total - passed}/${total} asserts failed` } : {}), metadata: { asserts_passed: passed, asserts_total: total } };
};

/** Runs the test code statement by statement (the body of check(candidate) when it defines one), counting asserts. */
function harness(testCode: string, entryPoint: string): string {
  const b64 = Buffer.from(testCode, 'utf8').toString('base64');
  return `
import ast as _ast, base64 as _b64, json as _json
_src = _b64.b64decode('${b64}').decode('utf-8')
_tree = _ast.parse(_src)
_ns = dict(globals())
_check = [n for n in _tree.body if isinstance(n, _ast.FunctionDef) and n.name == 'check']
if _check:
    for _n in _tree.body:
        if _n is not _check[0]:
            exec(compile(_ast.Module([_n], []), '<tests>', 'exec'), _ns)
    _ns['candidate'] = _ns['${entryPoint}']
    _body = _check[0].body
else:
    _body = _tree.body
_passed = _total = 0
for _n in _body:
    _code = compile(_ast.Module([_n], []), '<tests>', 'exec')
    if isinstance(_n, _ast.Assert):
        _total += 1
        try:
            exec(_code, _ns)
            _passed += 1
        except Exception:
            pass
    else:
        exec(_code, _ns)
print('${MARK}' + _json.dumps({'passed': _passed, 'total': _total}))
`;
}
