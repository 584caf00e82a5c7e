import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/lib/env';
import { pidFileOf } from '../../workers/dev-server-orphans';
import { tempDir } from '../helpers/temporal';
import { gauntlet, waitFor, type Proc } from '../helpers/processes';

/** Pids of Temporal dev servers on this database file, from /proc (what holds the file, whoever started it). */
function serversOf(db: string): number[] {
  const pids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const args = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0');
      if (args.includes('start-dev') && args.includes(db)) pids.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

async function devUp(args: string[]): Promise<Proc> {
  const p = gauntlet(['dev', ...args]);
  let exited = false;
  void p.exited.then(() => (exited = true));
  await waitFor(() => exited || /worker polling/.test(p.output()), 120_000, '`gauntlet dev` to poll');
  if (exited) throw new Error(`gauntlet dev exited: ${p.output()}`);
  return p;
}

describe('gauntlet dev does not leave its server behind', () => {
  it('SIGKILL of the launcher stops its server; a new `gauntlet dev` on the same file starts and a run completes', async () => {
    const dir = tempDir('gauntlet-dev-');
    const db = path.join(dir, 'temporal.db');
    const [port, uiPort] = [await freePort(), await freePort()];
    const args = ['--db', db, '--port', String(port), '--ui-port', String(uiPort)];
    const first = await devUp(args);
    const [serverPid] = serversOf(db);
    expect(serverPid).toBeDefined();

    first.child.kill('SIGKILL'); // the launcher alone: its server lives in its own process group
    await first.exited;
    await waitFor(() => !serversOf(db).includes(serverPid!), 30_000, `the orphaned server (pid ${serverPid}) to stop`);

    const second = await devUp(args);
    try {
      expect(second.output()).not.toMatch(/already in use/);
      const run = gauntlet(['run', 'custom', '--model', 'reference', '--samples', '3', '--output', path.join(dir, 'run'), '--wait', '--address', `127.0.0.1:${port}`]);
      const code = await run.exited;
      expect(run.output()).toMatch(/run .*: completed/);
      expect(code).toBe(0);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    expect(second.output()).toMatch(/dev server and worker stopped/);
    expect(existsSync(pidFileOf(db))).toBe(false);
    expect(serversOf(db)).toEqual([]);
  });

  it('a port held by something else is refused with what to do', async () => {
    const dir = tempDir('gauntlet-dev-');
    const holder = net.createServer();
    const port = await new Promise<number>((r) => holder.listen(0, '127.0.0.1', () => r((holder.address() as net.AddressInfo).port)));
    try {
      const p = gauntlet(['dev', '--db', path.join(dir, 'x.db'), '--port', String(port), '--ui-port', String(await freePort())]);
      expect(await p.exited).toBe(1);
      expect(p.output()).toMatch(new RegExp(`port ${port} on 127.0.0.1 is already in use, and not by a dev server of .*x\\.db`));
      expect(p.output()).toMatch(/gauntlet worker --address 127\.0\.0\.1:\d+|pass --port/);
    } finally {
      holder.close();
    }
  });
});
