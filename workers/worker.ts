import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import * as activities from '../activities';
import { closeSharedSandbox } from '../sandbox/pool';
import { workerLog } from './worker-log';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface GauntletWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  /** Concurrent unit activities in this worker process (model calls are I/O-bound; sandboxes fork). */
  maxConcurrentActivities?: number;
  /** A pre-bundled workflow bundle (tests bundle once); else bundled from workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
}

export async function createGauntletWorker(o: GauntletWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    taskQueue: o.taskQueue,
    activities,
    ...workflowSource(o.workflowBundle),
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities ?? 64,
    ...(o.identity ? { identity: o.identity } : {}),
    // Let in-flight units finish on SIGTERM; what doesn't is handed back by heartbeat timeout.
    shutdownGraceTime: '30 seconds',
  });
}

/** Runs a worker until it is shut down (SIGINT/SIGTERM are handled by the SDK), then closes the sandbox. */
export async function runWorkerUntilShutdown(worker: Worker): Promise<void> {
  try {
    await worker.run();
  } finally {
    workerLog.flush();
    await closeSharedSandbox();
  }
}

/** A given bundle, else $GAUNTLET_WORKFLOW_BUNDLE (tests and chaos runs bundle once), else bundle now. */
function workflowSource(bundle: WorkerOptions['workflowBundle']): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'> {
  if (bundle) return { workflowBundle: bundle };
  if (process.env.GAUNTLET_WORKFLOW_BUNDLE) return { workflowBundle: { codePath: process.env.GAUNTLET_WORKFLOW_BUNDLE } };
  return { workflowsPath: WORKFLOWS_PATH };
}
