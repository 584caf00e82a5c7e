import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const GAUNTLET_BIN = path.join(ROOT, 'bin/gauntlet.js');

/** A child in its own process group, its output in a log file (kept for post-mortems). */
export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  log: string;
  exited: Promise<number | string | null>;
  /** True once the process has exited (any cause). */
  readonly done: boolean;
  /** Signals the whole process group (the sandbox's Python children die with it), or only the leader. */
  kill(signal: NodeJS.Signals, only?: 'leader'): void;
  /** Signal, then wait for exit; SIGKILL after graceMs. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

/** Every process started here, so an interrupted harness can still clean up. */
const live = new Set<Proc>();

export function spawnLogged(name: string, cmd: string, args: string[], opts: { log: string; env?: Record<string, string>; cwd?: string }): Proc {
  // Append: a restarted process continues the same log, so its tail tells the whole story.
  const fd = openSync(opts.log, 'a');
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', fd, fd],
    detached: true, // own group: a signal reaches its children (Python sandbox) too
  });
  closeSync(fd);
  let done = false;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, sig) => {
      done = true;
      live.delete(proc);
      resolve(code ?? sig);
    }),
  );
  const kill = (signal: NodeJS.Signals, only?: 'leader') => {
    if (done || child.pid === undefined) return;
    try {
      process.kill(only === 'leader' ? child.pid : -child.pid, signal);
    } catch {
      // already gone
    }
  };
  const proc: Proc = {
    name,
    child,
    pid: child.pid ?? -1,
    log: opts.log,
    exited,
    get done() {
      return done;
    },
    kill,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done) return;
      kill(signal);
      const t = setTimeout(() => kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(t);
      try {
        process.kill(-proc.pid, 'SIGKILL'); // stragglers left in the group
      } catch {
        // none
      }
    },
  };
  live.add(proc);
  return proc;
}

/**
 * `gauntlet <args>` as a real process (the entry point users run). $GAUNTLET_BENCH_NODE_ARGS adds
 * node flags that NODE_OPTIONS refuses, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile a bench's worker.
 */
export function spawnGauntlet(name: string, args: string[], opts: { log: string; env?: Record<string, string> }): Proc {
  const nodeArgs = process.env.GAUNTLET_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  return spawnLogged(name, process.execPath, [...nodeArgs, GAUNTLET_BIN, ...args], opts);
}

/** SIGKILLs every process group this module started (exit paths, Ctrl+C of the harness). */
export function killAllStarted(): void {
  for (const p of [...live]) p.kill('SIGKILL');
}

export function tailOf(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines - 1).join('\n');
  } catch {
    return '(no log)';
  }
}

export async function waitUntil(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string, everyMs = 250): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
