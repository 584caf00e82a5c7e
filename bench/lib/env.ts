import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startDevServer, type DevServer } from '../../workers/dev-server';
import { ROOT, spawnGauntlet, sleep, type Proc } from './procs';

/** A port nobody listens on right now (the OS picks it; we close and hand it to the server). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m) };

/** Bundles the workflows once, so each worker process starts in seconds (GAUNTLET_WORKFLOW_BUNDLE). */
export async function bundleWorkflows(dir: string): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: path.join(ROOT, 'workflows/index.ts'), logger: quietLogger });
  const file = path.join(dir, 'workflow-bundle.js');
  writeFileSync(file, code);
  return file;
}

export interface EnvOptions {
  /** Prefix of the temp dir that holds the db, logs and run outputs. */
  prefix: string;
  dynamicConfig?: Record<string, unknown>;
  /** Keep the temp dir afterwards (default: only on failure, see close()). */
  keep?: boolean;
}

/**
 * A throwaway Temporal world on loopback: a dev server on a SQLite file in a temp dir, a
 * workflow bundle, a client, and helpers to start `gauntlet worker` processes against it.
 */
export class Env {
  server: DevServer | null = null;
  client!: Client;
  private connection!: Connection;
  readonly db: string;
  private constructor(
    readonly dir: string,
    readonly port: number,
    readonly bundle: string,
    private readonly opts: EnvOptions,
  ) {
    this.db = path.join(dir, 'temporal.db');
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(opts: EnvOptions): Promise<Env> {
    const dir = mkdtempSync(path.join(os.tmpdir(), opts.prefix));
    const [port, bundle] = await Promise.all([freePort(), bundleWorkflows(dir)]);
    const env = new Env(dir, port, bundle, opts);
    await env.startServer();
    env.connection = await Connection.connect({ address: env.address, connectTimeout: '10s' });
    env.client = new Client({ connection: env.connection });
    return env;
  }

  /** Starts (or restarts, after a kill) the server on the same database file and port. */
  async startServer(): Promise<void> {
    const log = path.join(this.dir, 'dev-server.log');
    this.server = await startDevServer({
      db: this.db,
      port: this.port,
      uiPort: 0,
      headless: true,
      dynamicConfig: this.opts.dynamicConfig,
      log: (s) => appendFileSync(log, `${new Date().toISOString()} ${s}\n`),
    });
    appendFileSync(log, `${new Date().toISOString()} started pid ${this.server.process.pid} on ${this.address}\n`);
  }

  /** SIGKILL of the server's process group: no shutdown, the SQLite file as a crash leaves it. */
  async killServer(): Promise<void> {
    const p = this.server?.process;
    if (!p || p.exitCode !== null || p.pid === undefined) return;
    const exited = new Promise((r) => p.once('exit', r));
    try {
      process.kill(-p.pid, 'SIGKILL');
    } catch {
      p.kill('SIGKILL');
    }
    await Promise.race([exited, sleep(10_000)]);
    this.server = null;
  }

  /** A `gauntlet worker` process on this server; its output goes to <dir>/<name>.log. */
  worker(name: string, taskQueue: string, o: { maxConcurrent?: number; env?: Record<string, string> } = {}): Proc {
    return spawnGauntlet(name, ['worker', '--address', this.address, '--task-queue', taskQueue, '--max-concurrent', String(o.maxConcurrent ?? 16)], {
      log: path.join(this.dir, `${name}.log`),
      env: { GAUNTLET_WORKFLOW_BUNDLE: this.bundle, GAUNTLET_CACHE_DIR: path.join(this.dir, 'cache'), ...o.env },
    });
  }

  outDir(name: string): string {
    return path.join(this.dir, 'runs', name);
  }

  async close(removeDir: boolean): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.server?.stop().catch(() => undefined);
    if (removeDir && !this.opts.keep) rmSync(this.dir, { recursive: true, force: true });
  }
}
