import { Runtime } from '@temporalio/worker';
import { workerLog } from '../workers/worker-log';

/**
 * Workers log at WARN unless asked (GAUNTLET_LOG_LEVEL=INFO|DEBUG): the CLI's own lines are the
 * story, and expected failures (rate limits, exhaustion...) are one line each, aggregated per
 * interval (workers/worker-log.ts). Installed by the commands that run a worker, before they create one.
 */
export function installWorkerRuntime(): void {
  Runtime.install({ logger: workerLog.logger((process.env.GAUNTLET_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
}
