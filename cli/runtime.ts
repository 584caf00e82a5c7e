import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * Workers log at WARN unless asked (GAUNTLET_LOG_LEVEL=INFO|DEBUG): the CLI's own lines are the
 * story. Installed by the commands that run a worker, before they create one.
 */
export function installWorkerRuntime(): void {
  Runtime.install({ logger: new DefaultLogger((process.env.GAUNTLET_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });
}
