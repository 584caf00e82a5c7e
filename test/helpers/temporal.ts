import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { createGauntletWorker, type GauntletWorker } from '../../workers/worker';
import { storeName } from '../../workers/options';
import { RunInputSchema, type RunConfigInput } from '../../config/run-config';
import type { RunOutcome } from '../../workflows/benchmark-run';
import { failedRunOutcome } from '../../cli/wait';

export { SHARED_DATASETS } from './datasets';
import { SHARED_DATASETS } from './datasets';
export const HUMANEVAL = path.join(SHARED_DATASETS, 'humaneval/HumanEval.jsonl.gz');

export function uniqueQueue(name: string): string {
  return `test-${name}-${randomBytes(3).toString('hex')}`;
}

export function tempDir(prefix = 'gauntlet-run-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

let runtimeInstalled = false;
function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
}

let client: Client | null = null;
export async function testClient(): Promise<Client> {
  if (!client) client = new Client({ connection: await Connection.connect({ address: inject('temporalAddress') }) });
  return client;
}

/** A real worker on the shared dev server, on its own task queue (and this machine's store queue of it). */
export async function testWorker(taskQueue: string, maxConcurrentActivities = 16): Promise<GauntletWorker> {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  return createGauntletWorker({ connection, taskQueue, maxConcurrentActivities, workflowBundle: { codePath: inject('workflowBundlePath') } });
}

export async function startRun(taskQueue: string, config: RunConfigInput, workflowId = `run-${randomBytes(4).toString('hex')}`) {
  const c = await testClient();
  // Runs are owned by this machine's store, as `gauntlet run` starts them.
  const input = RunInputSchema.parse({ config: { store: storeName(), ...config } });
  return c.workflow.start('benchmarkRun', { taskQueue, workflowId, args: [input] });
}

/**
 * Runs a config to the end with an in-process worker; returns the outcome, also of a run whose
 * every phase failed (that workflow fails, its outcome in the failure's details).
 */
export async function runToEnd(config: RunConfigInput, opts: { queue?: string } = {}): Promise<RunOutcome> {
  const queue = opts.queue ?? uniqueQueue('run');
  const worker = await testWorker(queue);
  const handle = await startRun(queue, config);
  return worker.runUntil(
    (handle.result() as Promise<RunOutcome>).catch((e: unknown) => {
      const outcome = failedRunOutcome(e);
      if (!outcome) throw e;
      return outcome;
    }),
  );
}

/**
 * A reference run over the first `samples` HumanEval tasks with a short heartbeat timeout, so a
 * lost worker's in-flight units are handed back within seconds (the crash tests' workload).
 */
export function referenceRun(outputDir: string, samples: number, concurrency = 2): RunConfigInput {
  return {
    output_dir: outputDir,
    phases: [
      {
        name: 'bench',
        kind: 'benchmark',
        suite: { name: 'humaneval', data: HUMANEVAL },
        arms: [{ name: 'ref', model: 'reference' }],
        samples,
        concurrency,
        timeouts: { unit_s: 60, heartbeat_s: 3 },
      },
    ],
  };
}
