import type { Command } from 'commander';
import { NativeConnection } from '@temporalio/worker';
import { createGauntletWorker, runWorkerUntilShutdown } from '../../workers/worker';
import { defaultAddress, defaultNamespace, defaultTaskQueue, storeName } from '../../workers/options';
import { CliError } from '../client';
import { ensureSearchAttributes } from '../../workers/search-attributes';
import { installWorkerRuntime } from '../runtime';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run a worker against a Temporal server (start more on more machines to scale out)')
    .option('--address <host:port>', 'Temporal frontend', defaultAddress())
    .option('--namespace <ns>', 'namespace', defaultNamespace())
    .option('--task-queue <name>', 'task queue', defaultTaskQueue())
    .option('--max-concurrent <n>', 'concurrent unit activities in this process', '64')
    .option('--store <name>', "the store this worker serves: runs started with this store keep their files on this machine's disk (default $GAUNTLET_STORE or the hostname)", storeName())
    .action(async (o: { address: string; namespace: string; taskQueue: string; maxConcurrent: string; store: string }) => {
      installWorkerRuntime();
      let connection: NativeConnection;
      try {
        connection = await NativeConnection.connect({ address: o.address });
      } catch (e) {
        throw new CliError(`cannot reach Temporal at ${o.address} (${(e as Error).message}); start one with \`gauntlet dev\` or pass --address`);
      }
      await ensureSearchAttributes(o.address, o.namespace, (s) => process.stderr.write(s + '\n'));
      const worker = await createGauntletWorker({ connection, namespace: o.namespace, taskQueue: o.taskQueue, maxConcurrentActivities: Number(o.maxConcurrent), store: o.store });
      process.stderr.write(`worker polling ${o.taskQueue} and store ${o.store} (${worker.storeQueue}) on ${o.address} (namespace ${o.namespace}); Ctrl+C stops it gracefully\n`);
      await runWorkerUntilShutdown(worker);
      await connection.close();
    });
}
