import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BACKSTOP_MS, SERVER_SCRIPT, serverEnv } from './python';
import { errorResult, parseLine, requestLine, type Hello } from './protocol';
import type { SandboxRequest, SandboxResult } from './types';

const STDERR_KEEP = 4000;

interface Pending {
  resolve: (r: SandboxResult) => void;
  timer: NodeJS.Timeout;
  t0: number;
}

/**
 * One py/server.py process and the requests in flight on it. Answers arrive out of order and are
 * matched by id. If the process dies, every request in flight resolves as `error` (the sandbox
 * broke, not the candidates); the owner starts a new process for later requests.
 */
export class ServerProcess {
  readonly hello: Promise<Hello>;
  private readonly proc: ChildProcessWithoutNullStreams;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stderr = '';
  private exited = false;
  private readonly exitedPromise: Promise<void>;

  constructor(python: string, args: string[], extraEnv: Record<string, string> = {}) {
    this.proc = spawn(python, [SERVER_SCRIPT, ...args], { env: serverEnv(extraEnv), stdio: ['pipe', 'pipe', 'pipe'] });
    let helloOk!: (h: Hello) => void;
    let helloFail!: (e: Error) => void;
    this.hello = new Promise<Hello>((res, rej) => ((helloOk = res), (helloFail = rej)));
    this.hello.catch(() => {}); // observed by whoever awaits it; a dead server is reported per request too
    this.proc.stderr.setEncoding('utf8').on('data', (d: string) => {
      this.stderr = (this.stderr + d).slice(-STDERR_KEEP);
    });
    this.proc.stdin.on('error', () => {}); // EPIPE when the server died: handled by 'exit'
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      let msg;
      try {
        msg = parseLine(line);
      } catch (e) {
        this.stderr = (this.stderr + `\n${(e as Error).message}`).slice(-STDERR_KEEP);
        return;
      }
      if (msg.kind === 'hello') return helloOk(msg.hello);
      this.settle(msg.id, msg.result);
    });
    this.exitedPromise = new Promise((resolve) => {
      const onGone = (why: string) => {
        if (this.exited) return;
        this.exited = true;
        helloFail(new Error(`sandbox server ${why} before it started: ${this.stderr.trim() || 'no stderr'}`));
        for (const id of [...this.pending.keys()]) {
          const p = this.pending.get(id)!;
          this.settle(id, errorResult(`sandbox server ${why} while the sample ran`, performance.now() - p.t0, this.stderr));
        }
        resolve();
      };
      this.proc.on('error', (e) => onGone(`failed to start (${e.message})`));
      this.proc.on('exit', (code, signal) => onGone(`exited (${signal ?? `code ${code}`})`));
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get inFlight(): number {
    return this.pending.size;
  }

  run(req: SandboxRequest): Promise<SandboxResult> {
    const t0 = performance.now();
    if (this.exited) return Promise.resolve(errorResult('sandbox server is not running', 0, this.stderr));
    const id = this.nextId++;
    const line = requestLine(id, req);
    return new Promise<SandboxResult>((resolve) => {
      const timer = setTimeout(() => {
        // The server enforces timeouts itself; silence past this point means it is wedged.
        this.settle(id, errorResult(`sandbox server did not answer within ${req.timeoutMs + BACKSTOP_MS} ms`, performance.now() - t0, this.stderr));
        this.kill();
      }, req.timeoutMs + BACKSTOP_MS);
      this.pending.set(id, { resolve, timer, t0 });
      this.proc.stdin.write(line);
    });
  }

  private settle(id: number, result: SandboxResult) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  }

  /** No more requests: the server answers those in flight, then exits. */
  endInput(): void {
    if (!this.exited) this.proc.stdin.end();
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }

  /** Ends input and waits for the exit; kills the process if it takes longer than graceMs. */
  async close(graceMs: number): Promise<void> {
    this.endInput();
    const timer = setTimeout(() => this.kill(), graceMs);
    await this.exitedPromise;
    clearTimeout(timer);
  }

  get stderrTail(): string {
    return this.stderr;
  }
}
