import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
export const GAUNTLET_BIN = path.join(ROOT, 'bin/gauntlet.js');

export interface Proc {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs `gauntlet <args>` as a real process (the same entry point users run). */
export function gauntlet(args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(process.execPath, [GAUNTLET_BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, GAUNTLET_WORKFLOW_BUNDLE: inject('workflowBundlePath'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** A worker process on the shared dev server. */
export function workerProcess(taskQueue: string, address = inject('temporalAddress'), env: Record<string, string> = {}): Proc {
  return gauntlet(['worker', '--address', address, '--task-queue', taskQueue, '--max-concurrent', '8'], env);
}

export async function waitFor(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
