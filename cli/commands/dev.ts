import path from 'node:path';
import type { Command } from 'commander';
import { NativeConnection } from '@temporalio/worker';
import { startDevServer } from '../../workers/dev-server';
import { createGauntletWorker, runWorkerUntilShutdown } from '../../workers/worker';
import { defaultTaskQueue } from '../../workers/options';
import { installWorkerRuntime } from '../runtime';

export function register(program: Command): void {
  program
    .command('dev')
    .description('the embedded default: a Temporal dev server (SQLite file, Web UI) plus a worker; Ctrl+C stops both')
    .option('--db <file>', 'SQLite file; a second `gauntlet dev` on it continues its workflows', path.join('.gauntlet', 'temporal.db'))
    .option('--port <n>', 'gRPC port', '7233')
    .option('--ui-port <n>', 'Web UI port', '8233')
    .option('--task-queue <name>', 'task queue', defaultTaskQueue())
    .action(async (o: { db: string; port: string; uiPort: string; taskQueue: string }) => {
      installWorkerRuntime();
      const server = await startDevServer({ db: o.db, port: Number(o.port), uiPort: Number(o.uiPort) });
      process.stderr.write(`Temporal dev server on ${server.address} (db ${path.resolve(o.db)}); Web UI ${server.uiUrl}\n`);
      const connection = await NativeConnection.connect({ address: server.address });
      const worker = await createGauntletWorker({ connection, taskQueue: o.taskQueue });
      process.stderr.write(`worker polling ${o.taskQueue} and store ${worker.store}. Start a run in another terminal: gauntlet run custom --model reference --wait\n`);
      try {
        await runWorkerUntilShutdown(worker);
      } finally {
        await connection.close();
        await server.stop();
        process.stderr.write('dev server and worker stopped\n');
      }
    });
}
