import { sharedSandbox } from '../../sandbox/pool';

const SYNTAX_ERRORS = new Set(['SyntaxError', 'IndentationError', 'TabError']);

/**
 * Does this program compile? Used only to decide whether an unfenced answer is code: the answer
 * has no fence, so prose and broken code look alike. Runs `compile()` (never the code) in the warm
 * fork-server sandbox: a fresh `python3` per answer cost ~100 ms of CPU, a fork ~5 ms.
 * Returns undefined when the sandbox could not tell: the sandbox run of the tests will judge then.
 */
export async function pythonCompiles(program: string): Promise<boolean | undefined> {
  const b64 = Buffer.from(program, 'utf8').toString('base64');
  const r = await sharedSandbox().run({
    program: `import base64\ncompile(base64.b64decode('${b64}').decode('utf-8'), '<answer>', 'exec')\n`,
    timeoutMs: 10_000,
  });
  if (r.status === 'passed') return true;
  if (r.status === 'failed' && r.exceptionType && SYNTAX_ERRORS.has(r.exceptionType)) return false;
  return undefined;
}
