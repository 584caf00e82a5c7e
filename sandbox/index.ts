import os from 'node:os';
import { createLimiter, type Limiter } from '../util/limiter';
import { extrasArgs, resolvePython, type ServerExtras } from './python';
import { ServerProcess } from './server-process';
import type { IsolationMode, Sandbox, SandboxInfo, SandboxRequest, SandboxResult } from './types';

export type { Sandbox, SandboxRequest, SandboxResult, SampleOutcome, IsolationMode, SandboxInfo, SandboxLimit } from './types';
export { buildTestProgram, testRequest } from './program';
export { limitReason, taskLimits, DEFAULT_MEMORY_MB } from './limits';

/** Wall clock for a sample: 4x the canonical solution's runtime, at least 4 s. */
export function defaultTimeoutMs(canonicalMs: number): number {
  return Math.max(4000, 4 * (Number.isFinite(canonicalMs) && canonicalMs > 0 ? canonicalMs : 0));
}

export interface SandboxOptions {
  /** `fork-server` (default): one warm Python forks a child per sample. `fresh`: one interpreter per sample. */
  mode?: IsolationMode;
  /** Interpreter to run; default $GAUNTLET_PYTHON, else python3. Must be Python 3.11+. */
  python?: string;
  /** Samples running at once; default 2x the cores. Excess requests queue in Node. */
  concurrency?: number;
  /** A library environment's preloads and variables (environments/: environmentRuntime()). */
  extras?: ServerExtras;
}

export function createSandbox(opts: SandboxOptions = {}): Sandbox {
  const python = resolvePython(opts.python ?? process.env.GAUNTLET_PYTHON ?? 'python3');
  python.catch(() => {}); // reported by run()/info()
  const limit = createLimiter(opts.concurrency ?? os.availableParallelism() * 2);
  const mode = opts.mode ?? 'fork-server';
  if (mode === 'fork-server') return new ForkServerSandbox(python, limit, opts.extras);
  if (mode === 'fresh') return new FreshSandbox(python, limit, opts.extras);
  throw new Error(`sandbox mode must be 'fork-server' or 'fresh', got '${String(mode)}'`);
}

const toInfo = async (mode: IsolationMode, sp: ServerProcess): Promise<SandboxInfo> => {
  const h = await sp.hello;
  return { mode, pid: h.pid, python: h.python, pythonVersion: h.version, isolation: h.isolation, ...(h.preload ? { preload: h.preload } : {}) };
};

const pythonError = (e: unknown): SandboxResult => ({
  status: 'error',
  message: (e as Error).message,
  stdoutTail: '',
  stderrTail: '',
  durationMs: 0,
});

/** One long-lived server; restarted on the next request after it died. */
class ForkServerSandbox implements Sandbox {
  private server?: ServerProcess;
  private closed = false;

  constructor(
    private readonly python: Promise<string>,
    private readonly limit: Limiter,
    private readonly extras?: ServerExtras,
  ) {}

  private async current(): Promise<ServerProcess> {
    const python = await this.python;
    if (this.closed) throw new Error('sandbox is closed: create a new one with createSandbox()');
    if (!this.server?.alive) {
      const x = extrasArgs(this.extras, true);
      this.server = new ServerProcess(python, ['--preload', ...x.args], x.env);
    }
    return this.server;
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    return this.limit(async () => {
      let server: ServerProcess;
      try {
        server = await this.current();
      } catch (e) {
        return pythonError(e);
      }
      return server.run(req);
    });
  }

  async info(): Promise<SandboxInfo> {
    return toInfo('fork-server', await this.current());
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.server?.close(5000);
  }
}

/** A new interpreter per sample, running the same server code for exactly one request. */
class FreshSandbox implements Sandbox {
  private readonly x: { args: string[]; env: Record<string, string> };

  constructor(
    private readonly python: Promise<string>,
    private readonly limit: Limiter,
    extras?: ServerExtras,
  ) {
    this.x = extrasArgs(extras, false);
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    return this.limit(async () => {
      let python: string;
      try {
        python = await this.python;
      } catch (e) {
        return pythonError(e);
      }
      const sp = new ServerProcess(python, this.x.args, this.x.env);
      const result = sp.run(req);
      sp.endInput();
      const r = await result;
      await sp.close(2000);
      return r;
    });
  }

  async info(): Promise<SandboxInfo> {
    const sp = new ServerProcess(await this.python, this.x.args, this.x.env);
    try {
      return await toInfo('fresh', sp);
    } finally {
      await sp.close(2000);
    }
  }

  async close(): Promise<void> {}
}
