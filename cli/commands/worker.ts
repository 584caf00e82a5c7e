import type { Command } from 'commander';
import { capabilityLine, createGauntletWorker, runWorkerUntilShutdown } from '../../workers/worker';
import { defaultTaskQueue, storeName } from '../../workers/options';
import { ensureSearchAttributes } from '../../workers/search-attributes';
import { addConnectionFlags, connectNative, resolveTarget, type ConnectionFlags } from '../connection';
import { installWorkerRuntime, metricsBindAddress } from '../runtime';

interface WorkerFlags extends ConnectionFlags {
  taskQueue: string;
  maxConcurrent: string;
  store: string;
  metrics?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('worker')
    .description('run a worker against a Temporal server (start more on more machines to scale out; see README "Scale out")')
    .option('--task-queue <name>', 'task queue', defaultTaskQueue())
    .option('--max-concurrent <n>', 'concurrent unit activities in this process', '64')
    .option('--store <name>', "the store this worker serves: runs started with this store keep their files on this machine's disk (default $GAUNTLET_STORE or the hostname)", storeName())
    .option('--metrics <host:port>', "serve Temporal's worker metrics (Prometheus text at /metrics), e.g. 127.0.0.1:9464");
  addConnectionFlags(cmd).action(async (o: WorkerFlags) => {
    const target = resolveTarget(o);
    installWorkerRuntime({ metrics: o.metrics });
    const connection = await connectNative(target);
    await ensureSearchAttributes(target.options, target.namespace, (s) => process.stderr.write(s + '\n'));
    const worker = await createGauntletWorker({ connection, namespace: target.namespace, taskQueue: o.taskQueue, maxConcurrentActivities: Number(o.maxConcurrent), store: o.store });
    const metrics = o.metrics ? `; metrics http://${metricsBindAddress(o.metrics)}/metrics` : '';
    process.stderr.write(`worker polling ${o.taskQueue} and store ${o.store} (${worker.storeQueue}) on ${target.describe}; ${capabilityLine(worker)}${metrics}; Ctrl+C stops it gracefully\n`);
    await runWorkerUntilShutdown(worker);
    await connection.close();
  });
}
