import { execa } from 'execa';

/**
 * Does this program compile? Used only to decide whether an unfenced answer is code: the answer
 * has no fence, so prose and broken code look alike. Fenced code is not checked here (a python
 * start costs about as much as the sandbox run that reports the SyntaxError anyway).
 * Returns undefined when no interpreter could be started: the sandbox will judge then.
 */
export async function pythonCompiles(program: string): Promise<boolean | undefined> {
  const python = process.env.GAUNTLET_PYTHON ?? 'python3';
  try {
    const r = await execa(python, ['-c', 'import sys; compile(sys.stdin.read(), "<answer>", "exec")'], {
      input: program,
      reject: false,
      timeout: 10_000,
    });
    if (r.failed && r.exitCode === undefined) return undefined;
    return r.exitCode === 0;
  } catch {
    return undefined;
  }
}
