import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { tempDir, uniqueQueue } from '../helpers/temporal';
import { gauntlet, waitFor, type Proc } from '../helpers/processes';
import { readResults } from '../../store/results';

/** A free local port (taken and released), for the worker's metrics endpoint. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * `gauntlet worker` and `gauntlet run` as real processes that know the server only from a profile
 * in a Temporal config file (TEMPORAL_CONFIG_FILE + TEMPORAL_PROFILE, no --address): the address and
 * a namespace of its own, so a run that ignored the profile would land in `default` or nowhere.
 */
describe('connecting through environment configuration', () => {
  const namespace = `gauntlet-profile-${Date.now().toString(36)}`;
  const queue = uniqueQueue('profile');
  const dir = tempDir('gauntlet-profile-');
  const configFile = path.join(dir, 'temporal.toml');
  // Empty TEMPORAL_ADDRESS/NAMESPACE count as unset: the test process's own must not leak in.
  const env = { TEMPORAL_CONFIG_FILE: configFile, TEMPORAL_PROFILE: 'bench', TEMPORAL_ADDRESS: '', TEMPORAL_NAMESPACE: '' };
  let metricsPort = 0;
  let worker: Proc;

  beforeAll(async () => {
    execFileSync(inject('temporalCli'), ['operator', 'namespace', 'create', '--namespace', namespace, '--address', inject('temporalAddress')], { stdio: 'ignore' });
    writeFileSync(configFile, `[profile.bench]\naddress = "${inject('temporalAddress')}"\nnamespace = "${namespace}"\n`);
    metricsPort = await freePort();
    worker = gauntlet(['worker', '--task-queue', queue, '--max-concurrent', '8', '--metrics', `127.0.0.1:${metricsPort}`], env);
    await waitFor(() => /worker polling/.test(worker.output()), 60_000, `the worker's startup line (output so far: ${worker.output()})`);
  });

  afterAll(async () => {
    worker?.child.kill('SIGTERM');
    await worker?.exited;
  });

  it('runs a benchmark end to end with no --address, in the profile namespace', async () => {
    expect(worker.output()).toContain(`namespace ${namespace}; profile bench in ${configFile}`);
    const out = path.join(dir, 'run');
    const run = gauntlet(['run', 'custom', '--model', 'reference', '--samples', '3', '--output', out, '--task-queue', queue, '--wait'], env);
    expect(await run.exited, run.output()).toBe(0);
    expect((await readResults(path.join(out, 'results.jsonl'))).rows).toHaveLength(3);
    const workflowId = /started (\S+)/.exec(run.output())![1]!;
    const client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }), namespace });
    expect((await client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
    await client.connection.close();
  });

  it("serves Temporal's worker metrics in Prometheus text on --metrics", async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^# TYPE temporal_worker_task_slots_available gauge/m);
    expect(text).toMatch(new RegExp(`^temporal_worker_task_slots_available\\{[^}]*task_queue="${queue}"`, 'm'));
    // the run above executed activities on this worker: their latency histogram has samples
    expect(text).toMatch(/^temporal_activity_execution_latency_count\{[^}]*activity_type="runUnits?"[^}]*\} [1-9]/m);
  });
});
