import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const SERVER_SCRIPT = fileURLToPath(new URL('./py/server.py', import.meta.url));

/** Extra time the Node side waits past a sample's own timeout before calling the sandbox broken. */
export const BACKSTOP_MS = 10_000;

const resolved = new Map<string, Promise<string>>();

/**
 * The interpreter's real path: `python3` is often a pyenv/asdf shim (a shell script costing tens of
 * milliseconds per start), which would dominate fresh-mode timings.
 */
export function resolvePython(python: string): Promise<string> {
  let p = resolved.get(python);
  if (!p) {
    p = promisify(execFile)(python, ['-c', 'import sys; print(sys.executable)'], { timeout: 30_000 }).then(
      ({ stdout }) => stdout.trim() || python,
      (e: Error) => {
        resolved.delete(python);
        throw new Error(
          `sandbox: cannot run the Python interpreter '${python}' (${e.message}). ` +
            'Install Python 3.11 or point GAUNTLET_PYTHON / createSandbox({python}) at one.',
        );
      },
    );
    resolved.set(python, p);
  }
  return p;
}

/** The server's environment: no API keys or other secrets of the worker reach candidate code. */
export function serverEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' };
  for (const [k, v] of Object.entries(process.env)) if (k.startsWith('GAUNTLET_SANDBOX_')) env[k] = v;
  return { ...env, ...extra };
}

/** An environment's additions to a sandbox server: modules to preload, variables for the server and for every sample. */
export interface ServerExtras {
  preload?: string[];
  serverEnv?: Record<string, string>;
  sampleEnv?: Record<string, string>;
}

/** Server argv and variables for the extras (the child applies GAUNTLET_SANDBOX_CHILD_ENV after clearing its environment). */
export function extrasArgs(x: ServerExtras | undefined, preload: boolean): { args: string[]; env: Record<string, string> } {
  const args = preload && x?.preload?.length ? [`--preload-modules=${x.preload.join(',')}`] : [];
  const env = { ...(x?.serverEnv ?? {}), ...(x?.sampleEnv ? { GAUNTLET_SANDBOX_CHILD_ENV: JSON.stringify(x.sampleEnv) } : {}) };
  return { args, env };
}
