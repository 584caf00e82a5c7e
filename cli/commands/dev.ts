import path from 'node:path';
import type { Command } from 'commander';
import { NativeConnection } from '@temporalio/worker';
import { startDevServer } from '../../workers/dev-server';
import { capabilityLine, createGauntletWorker, runWorkerUntilShutdown } from '../../workers/worker';
import { defaultTaskQueue } from '../../workers/options';
import { installWorkerRuntime, metricsBindAddress } from '../runtime';

export function register(program: Command): void {
  program
    .command('dev')
    .description('the embedded default: a Temporal dev server (SQLite file, Web UI) plus a worker; Ctrl+C stops both')
    .option('--db <file>', 'SQLite file; a second `gauntlet dev` on it continues its workflows', path.join('.gauntlet', 'temporal.db'))
    .option('--port <n>', 'gRPC port', '7233')
    .option('--ui-port <n>', 'Web UI port', '8233')
    .option('--task-queue <name>', 'task queue', defaultTaskQueue())
    .option('--metrics <host:port>', "serve the worker's Temporal metrics (Prometheus text at /metrics), e.g. 127.0.0.1:9464")
    .action(async (o: { db: string; port: string; uiPort: string; taskQueue: string; metrics?: string }) => {
      installWorkerRuntime({ metrics: o.metrics });
      const server = await startDevServer({ db: o.db, port: Number(o.port), uiPort: Number(o.uiPort) });
      process.stderr.write(`Temporal dev server on ${server.address} (db ${path.resolve(o.db)}); Web UI ${server.uiUrl}\n`);
      const connection = await NativeConnection.connect({ address: server.address });
      const worker = await createGauntletWorker({ connection, taskQueue: o.taskQueue });
      const metrics = o.metrics ? ` Metrics: http://${metricsBindAddress(o.metrics)}/metrics.` : '';
      process.stderr.write(`worker polling ${o.taskQueue} and store ${worker.store}; ${capabilityLine(worker)}.${metrics} Start a run in another terminal: gauntlet run custom --model reference --wait\n`);
      try {
        await runWorkerUntilShutdown(worker);
      } finally {
        await connection.close();
        await server.stop();
        process.stderr.write('dev server and worker stopped\n');
      }
    });
}
