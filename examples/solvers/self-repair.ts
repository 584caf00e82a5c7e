import { baseline, DEFAULT_SYSTEM_PROMPT, extractProgram, type Solver } from '../../eval';

/**
 * Self-repair: the baseline answer, then its prompt's visible examples (the `>>>` doctests of a
 * HumanEval-style prompt) are run in the sandbox; when one fails, the failure goes back to the
 * model for one more try. The model is called only through `generate`, so the cache, cost,
 * failure classes and rate-limit gates apply to both calls.
 *
 *   gauntlet run humaneval --arm base=openai/gpt-4o --arm repair=openai/gpt-4o:./examples/solvers/self-repair.ts#selfRepair
 */
export const selfRepair: Solver = async (state, generate, env) => {
  const first = await baseline(state, generate, env);
  const task = first.sample.code;
  if (!task || !first.output.program || !task.prompt.includes('>>>')) return first;
  const res = await env.sandbox().run({ program: first.output.program + visibleExamples(task.prompt), timeoutMs: 10_000 });
  if (res.status === 'passed') return first;
  const feedback =
    `Your solution fails the examples in the prompt:\n\n${(res.stderrTail || res.message || res.status).slice(-1500)}\n\n` +
    'Fix it. Return the whole function, signature included, in one ```python code block.';
  const second = await generate({ ...first, messages: [...first.messages, { role: 'user', content: feedback }] }, { system: env.arm.params.system_prompt ?? DEFAULT_SYSTEM_PROMPT });
  return { ...second, output: { ...second.output, ...(await extractProgram(task, second.output.completion)) }, store: { ...second.store, repaired: true } };
};

/** Python that runs the prompt's doctest examples against the program's globals and raises on a failure. */
function visibleExamples(prompt: string): string {
  const b64 = Buffer.from(prompt, 'utf8').toString('base64');
  return [
    '',
    'import base64 as _b64, doctest as _dt, sys as _sys',
    `_test = _dt.DocTestParser().get_doctest(_b64.b64decode('${b64}').decode('utf-8'), dict(globals()), 'prompt', None, 0)`,
    '_runner = _dt.DocTestRunner(verbose=False, optionflags=_dt.NORMALIZE_WHITESPACE)',
    '_runner.run(_test, out=_sys.stderr.write)',
    'if _runner.failures:',
    '    raise AssertionError(f"{_runner.failures} of {_runner.tries} visible example(s) failed")',
    '',
  ].join('\n');
}
