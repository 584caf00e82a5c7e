import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import type { IsolationMode, Sandbox, SandboxRequest, SandboxResult } from './types';

export type { Sandbox, SandboxRequest, SandboxResult, SampleOutcome, IsolationMode } from './types';
export { buildTestProgram } from './program';

const RUNNER = fileURLToPath(new URL('./runner.py', import.meta.url));
const TAIL = 2000;
const tail = (s: string) => (s.length > TAIL ? s.slice(-TAIL) : s);

/** v0: one fresh interpreter per sample. */
export function createSandbox(_opts: { mode?: IsolationMode; python?: string } = {}): Sandbox {
  const python = _opts.python ?? process.env.GAUNTLET_PYTHON ?? 'python3';
  return {
    async run(req: SandboxRequest): Promise<SandboxResult> {
      const t0 = performance.now();
      const p = await execa(python, [RUNNER], {
        input: req.program,
        timeout: req.timeoutMs,
        reject: false,
        stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
        killSignal: 'SIGKILL',
      });
      const durationMs = performance.now() - t0;
      const base = { stdoutTail: tail(String(p.stdout ?? '')), stderrTail: tail(String(p.stderr ?? '')), durationMs };
      if (p.timedOut) return { status: 'timeout', ...base };
      const line = String((p.stdio as unknown[])[3] ?? '').trim().split('\n').pop();
      if (!line) return { status: 'error', message: `sandbox runner gave no result (exit ${p.exitCode})`, ...base };
      return { ...JSON.parse(line), ...base };
    },
    async close() {},
  };
}
