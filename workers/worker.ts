import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import * as activities from '../activities';
import { storeQueueOf } from '../contract/store';
import { storeName } from './options';
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
  /** The store this worker serves (the run files on this machine's disk); default $GAUNTLET_STORE or the hostname. */
  store?: string;
}

/**
 * A Gauntlet worker: one SDK Worker on the shared task queue (workflows and unit activities, any
 * machine) and one on this machine's store queue (the activities that touch run files), on the
 * same connection in the same process. Runs whose store is this machine's are served here.
 */
export class GauntletWorker {
  constructor(
    readonly shared: Worker,
    readonly storeWorker: Worker,
    readonly store: string,
  ) {}

  get storeQueue(): string {
    return this.storeWorker.options.taskQueue;
  }

  /** Runs both until either stops (shutdown, a signal, a fatal error), then stops the other. */
  async run(): Promise<void> {
    const runs = [this.shared.run(), this.storeWorker.run()];
    try {
      await Promise.race(runs);
    } finally {
      this.shutdown();
      await Promise.allSettled(runs);
    }
    await Promise.all(runs);
  }

  /** Like the SDK's Worker.runUntil: runs until `until` settles, then shuts down and returns its value. */
  async runUntil<T>(until: Promise<T> | (() => Promise<T>)): Promise<T> {
    const running = this.run();
    const stoppedFirst = running.then(() => {
      throw new Error(`worker on ${this.shared.options.taskQueue} stopped before the awaited work finished`);
    });
    stoppedFirst.catch(() => undefined);
    try {
      return await Promise.race([typeof until === 'function' ? until() : until, stoppedFirst]);
    } finally {
      this.shutdown();
      await running;
    }
  }

  shutdown(): void {
    for (const w of [this.shared, this.storeWorker]) if (w.getState() === 'RUNNING') w.shutdown();
  }
}

export async function createGauntletWorker(o: GauntletWorkerOptions): Promise<GauntletWorker> {
  const store = o.store ?? storeName();
  const common = {
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    activities,
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities ?? 64,
    ...(o.identity ? { identity: o.identity } : {}),
    // Let in-flight units finish on SIGTERM; what doesn't is handed back by heartbeat timeout.
    shutdownGraceTime: '30 seconds',
  };
  const shared = await Worker.create({ ...common, taskQueue: o.taskQueue, ...workflowSource(o.workflowBundle) });
  // Activities only: the run's file activities (and episodes, which keep their transcript in the run's directory).
  const storeWorker = await Worker.create({ ...common, taskQueue: storeQueueOf(o.taskQueue, store) });
  return new GauntletWorker(shared, storeWorker, store);
}

/** Runs a worker until it is shut down (SIGINT/SIGTERM are handled by the SDK), then closes the sandbox. */
export async function runWorkerUntilShutdown(worker: GauntletWorker): Promise<void> {
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
