import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import * as activities from '../activities';
import { describeCapabilities, localCapabilities, type Capabilities } from '../eval/capabilities';
import { storeQueueOf } from '../contract/store';
import { storeName } from './options';
import { closeSharedSandbox } from '../sandbox/pool';
import { createCapabilityWorkers } from './capability-workers';
import { workerLog } from './worker-log';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

/** Concurrent workflow tasks per worker (the SDK default is 40; its perf notes peak near 120). */
const WORKFLOW_TASK_SLOTS = 128;

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
  /** What this worker serves (environments, provider keys); default what this machine has. */
  capabilities?: Capabilities;
}

/**
 * A Gauntlet worker: one SDK Worker on the shared task queue (workflows and unit activities, any
 * machine), one on this machine's store queue (the activities that touch run files), and
 * activity-only ones on the capability queues this machine can serve (units that need an
 * environment or a provider key), on the same connection in the same process.
 */
export class GauntletWorker {
  constructor(
    readonly shared: Worker,
    readonly storeWorker: Worker,
    readonly store: string,
    readonly capabilityWorkers: Worker[],
    readonly capabilities: Capabilities,
  ) {}

  get storeQueue(): string {
    return this.storeWorker.options.taskQueue;
  }

  private all(): Worker[] {
    return [this.shared, this.storeWorker, ...this.capabilityWorkers];
  }

  /** Runs them all until one stops (shutdown, a signal, a fatal error), then stops the others. */
  async run(): Promise<void> {
    const runs = this.all().map((w) => w.run());
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
    for (const w of this.all()) if (w.getState() === 'RUNNING') w.shutdown();
  }
}

export async function createGauntletWorker(o: GauntletWorkerOptions): Promise<GauntletWorker> {
  const store = o.store ?? storeName();
  const common = {
    connection: o.connection,
    namespace: o.namespace ?? 'default',
    activities,
    maxConcurrentActivityTaskExecutions: o.maxConcurrentActivities ?? 64,
    // With the SDK's 40 slots, 64 concurrent episodes (a workflow task after every step) queue for
    // workflow tasks on a loaded machine (bench/agentic.ts: "workflow task: wait for a poller").
    maxConcurrentWorkflowTaskExecutions: WORKFLOW_TASK_SLOTS,
    ...(o.identity ? { identity: o.identity } : {}),
    // Let in-flight units finish on SIGTERM; what doesn't is handed back by heartbeat timeout.
    shutdownGraceTime: '30 seconds',
  };
  const capabilities = o.capabilities ?? localCapabilities();
  const shared = await Worker.create({ ...common, taskQueue: o.taskQueue, ...workflowSource(o.workflowBundle) });
  // Activities only: the run's file activities (and episodes, which keep their transcript in the run's directory).
  const storeWorker = await Worker.create({ ...common, taskQueue: storeQueueOf(o.taskQueue, store) });
  return new GauntletWorker(shared, storeWorker, store, await createCapabilityWorkers(common, o.taskQueue, capabilities), capabilities);
}

/** "capabilities: environments bigcodebench-ci; providers anthropic (+3 capability queues)" for startup lines. */
export function capabilityLine(w: GauntletWorker): string {
  const n = w.capabilityWorkers.length;
  return `capabilities: ${describeCapabilities(w.capabilities)}${n ? ` (+${n} capability queue${n > 1 ? 's' : ''})` : ''}`;
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
