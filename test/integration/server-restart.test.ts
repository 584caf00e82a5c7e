import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '../../workers/dev-server';
import { RunInputSchema } from '../../config/run-config';
import type { RunOutcome } from '../../workflows/benchmark-run';
import { referenceRun, startRun, tempDir, testClient, testWorker, uniqueQueue } from '../helpers/temporal';
import { assertAllFilesParse, jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { gauntlet, waitFor, workerProcess } from '../helpers/processes';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const config = (out: string, n: number) => referenceRun(out, n);

async function connect(address: string): Promise<Client> {
  return new Client({ connection: await Connection.connect({ address }) });
}

function reportMatchesRows(out: string, rows: number) {
  const report = jsonOf(out, 'report.json');
  const arm = report.phases[0].arms[0];
  expect(arm.passed + arm.failed + arm.errors).toBe(rows);
}

describe('the dev server dies', () => {
  it('SIGKILL of the dev server, restart on the same SQLite file: the run completes with one row per unit', async () => {
    const dir = tempDir('gauntlet-db-');
    const db = path.join(dir, 'temporal.db');
    const port = await freePort();
    const out = tempDir();
    let server: DevServer = await startDevServer({ db, port, uiPort: port + 1, headless: true });
    const worker = workerProcess('restart', server.address);
    try {
      const client = await connect(server.address);
      const input = RunInputSchema.parse({ config: config(out, 30) });
      const handle = await client.workflow.start('benchmarkRun', { taskQueue: 'restart', workflowId: 'restart-run', args: [input] });
      await waitFor(async () => (await rowsOf(out)).rows.length >= 6, 90_000, 'rows before the server kill');
      server.process.kill('SIGKILL');
      await new Promise((r) => server.process.once('exit', r));
      const rowsAtKill = (await rowsOf(out)).rows.length;
      server = await startDevServer({ db, port, uiPort: port + 1, headless: true });
      const client2 = await connect(server.address);
      const outcome = (await client2.workflow.getHandle(handle.workflowId).result()) as RunOutcome;
      expect(outcome.state).toBe('completed');
      const { rows } = await rowsOf(out);
      expect(rowsAtKill).toBeLessThan(30);
      expect(rows).toHaveLength(30);
      expect(uniqueKeys(rows)).toBe(30);
      reportMatchesRows(out, 30);
      assertAllFilesParse(out);
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
      await server.stop();
    }
  });

  it('--resume works after the dev server database is lost: a new workflow finishes from the files', async () => {
    const dir = tempDir('gauntlet-db-');
    const db = path.join(dir, 'temporal.db');
    const port = await freePort();
    const out = tempDir();
    let server = await startDevServer({ db, port, uiPort: port + 1, headless: true });
    let worker = workerProcess('lost', server.address);
    try {
      const client = await connect(server.address);
      await client.workflow.start('benchmarkRun', { taskQueue: 'lost', workflowId: 'lost-run', args: [RunInputSchema.parse({ config: config(out, 20) })] });
      await waitFor(async () => (await rowsOf(out)).rows.length >= 4, 90_000, 'rows before the loss');
      server.process.kill('SIGKILL');
      worker.child.kill('SIGKILL');
      await Promise.all([new Promise((r) => server.process.once('exit', r)), worker.exited]);
      const done = (await rowsOf(out)).rows.length;
      rmSync(dir, { recursive: true, force: true });
      server = await startDevServer({ db, port, uiPort: port + 1, headless: true });
      worker = workerProcess('lost', server.address);
      const resume = gauntlet(['run', '--resume', '--output', out, '--wait', '--address', server.address, '--task-queue', 'lost']);
      expect(await resume.exited, resume.output()).toBe(0);
      const { rows } = await rowsOf(out);
      expect(rows).toHaveLength(20);
      expect(uniqueKeys(rows)).toBe(20);
      const ev = jsonOf(out, 'run.json').resume_events[0];
      expect(ev).toMatchObject({ resumed: true, previous_crash_exit_code: null, previous_workflow_id: 'lost-run' });
      expect(ev.tasks_skipped).toBeGreaterThanOrEqual(done);
      expect(ev.tasks_skipped + ev.tasks_remaining).toBe(20);
      reportMatchesRows(out, 20);
    } finally {
      worker.child.kill('SIGKILL');
      await worker.exited;
      await server.stop();
    }
  });
});

describe('resume after a terminated workflow', () => {
  it('records exit code 143 and skips finished units', async () => {
    const queue = uniqueQueue('term');
    const out = tempDir();
    const worker = await testWorker(queue);
    await worker.runUntil(async () => {
      const handle = await startRun(queue, config(out, 20));
      await waitFor(async () => (await rowsOf(out)).rows.length >= 4, 60_000, 'rows before terminate');
      await handle.terminate('test: simulate an operator killing the run');
      const resume = gauntlet(['run', '--resume', '--output', out, '--wait', '--address', inject('temporalAddress'), '--task-queue', queue]);
      expect(await resume.exited, resume.output()).toBe(0);
    });
    const run = jsonOf(out, 'run.json');
    expect(run.resume_events[0]).toMatchObject({ resumed: true, previous_crash_exit_code: 143 });
    expect(run.resume_events[0].tasks_skipped).toBeGreaterThanOrEqual(4);
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(20);
    expect(uniqueKeys(rows)).toBe(20);
    const log = (await import('node:fs')).readFileSync(path.join(out, 'benchmark.log'), 'utf8');
    expect(log).toMatch(/Starting run/);
    expect(log).toMatch(/Resuming: \d+\/20 tasks already done, \d+ remaining/);
  });
});

describe('temporal workflow start --input-file', () => {
  it('starts and completes the same run from a plain JSON config', async () => {
    const queue = uniqueQueue('tcli');
    const out = tempDir();
    const file = path.join(out, '..', `${path.basename(out)}-run.json`);
    writeFileSync(file, JSON.stringify(config(out, 5)));
    const worker = await testWorker(queue);
    const workflowId = `tcli-${Date.now()}`;
    execFileSync(inject('temporalCli'), [
      'workflow', 'start', '--type', 'benchmarkRun', '--task-queue', queue, '--workflow-id', workflowId,
      '--input-file', file, '--address', inject('temporalAddress'),
    ]);
    const client = await testClient();
    const outcome = (await worker.runUntil(client.workflow.getHandle(workflowId).result())) as RunOutcome;
    expect(outcome.state).toBe('completed');
    expect((await rowsOf(out)).rows.filter((r) => r.status === 'passed')).toHaveLength(5);
  });
});
