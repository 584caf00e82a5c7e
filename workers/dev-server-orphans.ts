import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A dev server must not outlive the process that launched it (`gauntlet dev` killed with -9, by
 * the OOM killer, or with its terminal), or it holds the port and the SQLite file while the next
 * `gauntlet dev` on that file cannot start. Two guards:
 *  - a watchdog process, in its own group, that holds a pipe from the launcher: when the
 *    launcher dies the pipe closes and the watchdog stops the server (SIGTERM, SIGKILL after 10 s);
 *  - a pid file beside the database, so a later launcher recognises a server of that database
 *    that is still running (the watchdog was killed too) and stops it before starting its own.
 */

/** Runs with `node -e`: argv[1] is the server's pid (leader of its own process group). */
const WATCHDOG = `
const pid = Number(process.argv[1]);
const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
const kill = (sig) => { try { process.kill(-pid, sig); } catch {} };
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (!alive()) process.exit(0);
  kill('SIGTERM');
  setTimeout(() => { kill('SIGKILL'); process.exit(0); }, 10000);
};
process.stdin.on('end', stop);
process.stdin.on('error', stop);
process.stdin.resume();
// The server stopped on its own (or was stopped): nothing left to guard.
setInterval(() => { if (!alive()) process.exit(0); }, 1000);
`;

export interface Watchdog {
  /** Stand down (the launcher stops the server itself). */
  release(): void;
}

export function startWatchdog(serverPid: number): Watchdog {
  const dog = spawn(process.execPath, ['-e', WATCHDOG, String(serverPid)], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
  // The launcher's end of the pipe must not keep it alive; its death is what closes the pipe.
  dog.unref();
  (dog.stdin as unknown as { unref?: () => void }).unref?.();
  dog.stdin!.on('error', () => undefined);
  return {
    release() {
      dog.kill('SIGKILL');
    },
  };
}

interface PidFile {
  pid: number;
  ip: string;
  port: number;
  db: string;
  started_at: string;
}

/** `<db>.server.json`: which server serves this database right now. */
export const pidFileOf = (db: string) => `${path.resolve(db)}.server.json`;

export function writePidFile(db: string, pid: number, ip: string, port: number): void {
  const rec: PidFile = { pid, ip, port, db: path.resolve(db), started_at: new Date().toISOString() };
  writeFileSync(pidFileOf(db), JSON.stringify(rec) + '\n');
}

export function removePidFile(db: string, pid: number): void {
  const rec = readPidFile(db);
  if (rec?.pid === pid) rmSync(pidFileOf(db), { force: true });
}

function readPidFile(db: string): PidFile | null {
  try {
    return JSON.parse(readFileSync(pidFileOf(db), 'utf8')) as PidFile;
  } catch {
    return null;
  }
}

/**
 * The pid of a still-running dev server of this database, from its pid file: alive and, where
 * /proc tells, really a `start-dev` on that file (a pid reused by another program is not ours).
 */
export function orphanOf(db: string): number | null {
  const rec = readPidFile(db);
  if (!rec) return null;
  try {
    process.kill(rec.pid, 0);
  } catch {
    return null;
  }
  const cmdline = `/proc/${rec.pid}/cmdline`;
  if (existsSync(cmdline)) {
    const args = readFileSync(cmdline, 'utf8').split('\0');
    if (!args.includes('start-dev') || !args.includes(rec.db)) return null;
  }
  return rec.pid;
}

/** Stops an orphaned server (its whole group) and waits for it to be gone (bounded). */
export async function stopOrphan(pid: number, timeoutMs = 15_000): Promise<boolean> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
  };
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  signal('SIGTERM');
  const t0 = Date.now();
  while (alive()) {
    if (Date.now() - t0 > timeoutMs) {
      signal('SIGKILL');
      await new Promise((r) => setTimeout(r, 500));
      return !alive();
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}
