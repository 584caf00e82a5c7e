import { Worker, type WorkerOptions } from '@temporalio/worker';
import { servedQueues, type Capabilities } from '../eval/capabilities';

/**
 * Activity-only workers on the capability queues this machine can serve (`<queue>@env=...`,
 * `@provider=...`, both): units that need an environment or a provider key are dispatched there
 * (workflows/unit-options.ts), so only machines that have them take those units. Each has the
 * same options as the shared worker, minus workflows.
 */
export async function createCapabilityWorkers(common: Omit<WorkerOptions, 'taskQueue'>, taskQueue: string, capabilities: Capabilities): Promise<Worker[]> {
  return Promise.all(servedQueues(taskQueue, capabilities).map((q) => Worker.create({ ...common, taskQueue: q })));
}
