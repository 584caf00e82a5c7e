import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SEARCH_ATTRIBUTES } from '../contract/search-attributes';
import { ensureTemporalCli } from './temporal-cli';
import { orphanOf, removePidFile, startWatchdog, stopOrphan, writePidFile } from './dev-server-orphans';

export interface DevServerOptions {
  /** SQLite file: workflows survive a restart of the server on the same file. */
  db: string;
  port: number;
  uiPort: number;
  ip?: string;
  namespace?: string;
  /** Extra `--dynamic-config-value KEY=VALUE` pairs (tests lower continue-as-new thresholds). */
  dynamicConfig?: Record<string, unknown>;
  headless?: boolean;
  log?: (s: string) => void;
}

export interface DevServer {
  address: string;
  uiUrl: string | null;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Eager activity execution: a workflow task that schedules units gets them handed straight back
 * to the same worker, saving a poll round trip per unit (the server default is off).
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Record<string, unknown> = { 'system.enableActivityEagerExecution': true };

/**
 * SQLite in WAL mode with synchronous=NORMAL: commits no longer wait for an fsync of the main
 * file, which is what bounds the dev server (one connection serializes every write). Durable
 * across a crash of the server process (what the server-restart tests kill); only an OS crash or
 * power loss may lose the last commits. bench/agentic.ts shows the difference.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = ['journal_mode=wal', 'synchronous=NORMAL'];

/** `--dynamic-config-value KEY=JSON` pairs for the dev server. */
export function dynamicConfigFlags(cfg: Record<string, unknown>): string[] {
  return Object.entries(cfg).flatMap(([k, v]) => ['--dynamic-config-value', `${k}=${JSON.stringify(v)}`]);
}

/** Dev-server flags that register our custom search attributes, e.g. `--search-attribute GauntletRunId=Keyword`. */
export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', `${k.name}=Keyword`]);
}

export async function startDevServer(o: DevServerOptions): Promise<DevServer> {
  const bin = await ensureTemporalCli(o.log);
  const ip = o.ip ?? '127.0.0.1';
  await freePortOfOrphan(o.db, ip, o.port, o.log);
  mkdirSync(path.dirname(path.resolve(o.db)), { recursive: true });
  const args = [
    'server', 'start-dev',
    '--db-filename', path.resolve(o.db),
    ...DEV_SERVER_SQLITE_PRAGMAS.flatMap((p) => ['--sqlite-pragma', p]),
    '--ip', ip,
    '--port', String(o.port),
    '--namespace', o.namespace ?? 'default',
    '--log-level', 'warn',
    ...(o.headless ? ['--headless'] : ['--ui-port', String(o.uiPort)]),
    ...searchAttributeFlags(),
    ...dynamicConfigFlags({ ...DEV_SERVER_DYNAMIC_CONFIG, ...o.dynamicConfig }),
  ];
  // Own process group: Ctrl+C in the terminal reaches us, and we stop the server in order.
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const watchdog = child.pid !== undefined ? startWatchdog(child.pid) : null;
  const deadline = Date.now() + 60_000;
  while (!(await portOpen(ip, o.port))) {
    const code = await Promise.race([exited, new Promise<'wait'>((r) => setTimeout(() => r('wait'), 200))]);
    if (code !== 'wait') throw new Error(`the Temporal dev server exited with code ${code}: ${stderr.trim().slice(-1500)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the Temporal dev server did not listen on ${ip}:${o.port} within 60 s: ${stderr.trim().slice(-1500)}`);
    }
  }
  if (child.pid !== undefined) writePidFile(o.db, child.pid, ip, o.port);
  return {
    address: `${ip}:${o.port}`,
    uiUrl: o.headless ? null : `http://${ip}:${o.uiPort}`,
    process: child,
    async stop() {
      watchdog?.release();
      if (child.pid !== undefined) removePidFile(o.db, child.pid);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/**
 * The port must be free. A dev server of this very database that a crashed launcher left
 * running (its watchdog gone too) is stopped first; anything else on the port is the user's to stop.
 */
async function freePortOfOrphan(db: string, ip: string, port: number, log?: (s: string) => void): Promise<void> {
  if (!(await portOpen(ip, port))) return;
  const orphan = orphanOf(db);
  if (orphan !== null) {
    (log ?? ((s: string) => process.stderr.write(s + '\n')))(`stopping the Temporal dev server (pid ${orphan}) that an earlier launcher left running on ${path.resolve(db)}`);
    if (!(await stopOrphan(orphan))) throw new Error(`the Temporal dev server (pid ${orphan}) on ${path.resolve(db)} does not stop; kill it (kill -9 ${orphan}) and start again`);
    for (let i = 0; i < 50 && (await portOpen(ip, port)); i++) await new Promise((r) => setTimeout(r, 200));
    if (!(await portOpen(ip, port))) return;
  }
  throw new Error(
    `port ${port} on ${ip} is already in use, and not by a dev server of ${path.resolve(db)}: ` +
      `if it is a Temporal server, run \`gauntlet worker --address ${ip}:${port}\` against it; else stop that process (\`lsof -i :${port}\` names it) or pass --port`,
  );
}

export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
  });
}
