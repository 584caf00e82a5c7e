import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Env } from '../../../bench/lib/env';
import { tailOf, waitUntil, type Proc } from '../../../bench/lib/procs';

/**
 * Worker processes on one task queue, by slot. Planned kills restart the slot at once (the
 * replacement boots while the lost activities' heartbeats time out); an unplanned exit is
 * counted (a finding) and restarted too, as a process supervisor would.
 */
export class WorkerPool {
  private readonly slots: (Proc | null)[] = [];
  private readonly planned = new WeakSet<Proc>();
  /** Where each process's output starts in its slot's log (restarts append to the same file). */
  private readonly logOffset = new WeakMap<Proc, number>();
  private closed = false;
  unplannedExits: string[] = [];
  gracefulExitCodes: (number | string | null)[] = [];
  starts = 0;

  constructor(
    private readonly env: Env,
    private readonly queue: string,
    private readonly prefix: string,
    private readonly workerEnv: Record<string, string>,
    private readonly maxConcurrent = 16,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  logs(): string[] {
    return this.slots.map((_, i) => `${this.env.dir}/${this.prefix}-w${i}.log`);
  }

  start(slot: number): Proc {
    const log = `${this.env.dir}/${this.prefix}-w${slot}.log`;
    const offset = existsSync(log) ? statSync(log).size : 0;
    const p = this.env.worker(`${this.prefix}-w${slot}`, this.queue, { maxConcurrent: this.maxConcurrent, env: this.workerEnv });
    this.logOffset.set(p, offset);
    this.starts++;
    this.slots[slot] = p;
    void p.exited.then((code) => {
      if (this.planned.has(p) || this.closed) return;
      // The first error line of this process's own output says why (the stack's end does not).
      const own = readFrom(p.log, this.logOffset.get(p) ?? 0);
      const why = own.split('\n').find((l) => /error|Error|gauntlet:/.test(l)) ?? tailOf(p.log, 3);
      this.unplannedExits.push(`w${slot} pid ${p.pid} exited ${code}: ${why.trim().slice(0, 240)}`);
      if (this.slots[slot] === p) setTimeout(() => !this.closed && this.start(slot), 1000);
    });
    return p;
  }

  async ready(slot: number, timeoutMs = 90_000): Promise<void> {
    const p = this.slots[slot];
    if (!p) return;
    const from = this.logOffset.get(p) ?? 0;
    await waitUntil(() => p.done || /worker polling/.test(readFrom(p.log, from)), timeoutMs, `worker ${p.name} to poll`, 300);
  }

  /** Resolves once the slot's current process has logged a line matching `re` (bounded). */
  async logged(slot: number, re: RegExp, timeoutMs = 90_000): Promise<string> {
    const p = this.slots[slot];
    if (!p) throw new Error(`worker slot ${slot} is empty`);
    const from = this.logOffset.get(p) ?? 0;
    let line = '';
    await waitUntil(
      () => {
        line = readFrom(p.log, from).split('\n').find((l) => re.test(l)) ?? '';
        return line !== '' || p.done;
      },
      timeoutMs,
      `worker ${p.name} to log ${re}`,
      50,
    );
    if (!line) throw new Error(`worker ${p.name} exited before logging ${re}`);
    return line;
  }

  /** SIGKILL (crash) or SIGTERM (graceful) a slot, then start its replacement. */
  async strike(slot: number, signal: 'SIGKILL' | 'SIGTERM', restart = true): Promise<void> {
    const p = this.slots[slot];
    if (p && !p.done) {
      this.planned.add(p);
      // SIGTERM to the worker alone tests its own graceful path; SIGKILL takes the group (a crash).
      p.kill(signal, signal === 'SIGTERM' ? 'leader' : undefined);
      if (signal === 'SIGTERM') void p.exited.then((c) => this.gracefulExitCodes.push(c));
    }
    this.slots[slot] = null;
    if (restart) this.start(slot);
  }

  async closeAll(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (p) => {
        if (!p) return;
        this.planned.add(p);
        await p.stop('SIGTERM', 15_000);
      }),
    );
  }
}

function readFrom(file: string, offset: number): string {
  try {
    return readFileSync(file).subarray(offset).toString('utf8');
  } catch {
    return '';
  }
}
