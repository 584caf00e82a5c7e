import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { startMockApi } from '../../devtools/mock-api';
import { loadCodeTasks } from '../../eval/load';
import { suiteNames } from '../../eval/registry';
import { RunInputSchema, type RunConfigInput } from '../../config/run-config';
import { startDevServer } from '../../workers/dev-server';
import { createGauntletWorker, runWorkerUntilShutdown } from '../../workers/worker';
import { waitForRun } from '../wait';
import { workflowIdForRun } from '../client';
import { resolveOutputDir } from '../../store/run-record';
import { installWorkerRuntime } from '../runtime';
import { DEFAULT_VIEW_HOST, DEFAULT_VIEW_PORT, runPageUrl } from '../../view/server';

interface DemoFlags {
  suite: string;
  data?: string;
  samples?: string;
  db: string;
  port: string;
  uiPort: string;
  output?: string;
  faults: string;
  answers: string;
}

/**
 * The main job on the embedded default, in one command: a dev server on a SQLite file, a worker,
 * the simulated API, and a real run (validate, mutation, benchmark with a `reference` arm and a
 * `mock` arm that rides out a burst of 429s). No API key, no dataset download.
 */
export function register(program: Command): void {
  program
    .command('demo')
    .description('one-command tour: dev server + worker + simulated API + a real 3-phase run on the built-in suite')
    .option('--suite <name>', `suite (${suiteNames().join(', ')})`, 'custom')
    .option('--data <path>', "the suite's data file (needed for humaneval/humanevalplus offline)")
    .option('--samples <n>', 'only the first N tasks')
    .option('--db <file>', 'SQLite file of the dev server', path.join('.gauntlet', 'demo.db'))
    .option('--port <n>', 'gRPC port of the dev server', '7244')
    .option('--ui-port <n>', 'Web UI port', '8244')
    .option('-o, --output <dir>', 'output directory (default runs/demo-<time>)')
    .option('--faults <spec>', 'faults the simulated API injects (see gauntlet mock-api)', '429:15-40')
    .option('--answers <mode>', 'answers of the simulated model', 'rate:0.85')
    .action(async (o: DemoFlags) => {
      installWorkerRuntime();
      // The simulated model's answers would otherwise come from the user's response cache on a
      // second demo (0 requests, no 429 burst): each demo gets a cache of its own, so the tour is
      // the same every time. An explicit GAUNTLET_CACHE_DIR is kept.
      process.env.GAUNTLET_CACHE_DIR ||= mkdtempSync(path.join(os.tmpdir(), 'gauntlet-demo-cache-'));
      const log = (s: string) => process.stderr.write(s + '\n');
      const server = await startDevServer({ db: o.db, port: Number(o.port), uiPort: Number(o.uiPort), log });
      log(`dev server ${server.address} · Web UI ${server.uiUrl} (watch the run there)`);
      const suiteRef = { name: o.suite, data: o.data ? path.resolve(o.data) : undefined };
      const tasks = await loadCodeTasks(suiteRef);
      const mock = await startMockApi({ tasks, answers: o.answers, faults: o.faults, latencyMs: 50 });
      log(`simulated API ${mock.url} (answers ${o.answers}, faults ${o.faults})`);
      const taskQueue = 'gauntlet-demo';
      const nativeConnection = await NativeConnection.connect({ address: server.address });
      const worker = await createGauntletWorker({ connection: nativeConnection, taskQueue });
      const workerDone = runWorkerUntilShutdown(worker);
      const run_id = `demo-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-')}`;
      const output_dir = resolveOutputDir(o.output, run_id);
      const samples = o.samples ? Number(o.samples) : undefined;
      const config: RunConfigInput = {
        run_id,
        output_dir,
        store: worker.store,
        backoff: { initial_s: 1, max_s: 10, multiplier: 2, max_total_wait_s: 600 },
        phases: [
          { name: 'validate', kind: 'validate', suite: suiteRef, samples },
          { name: 'mutation', kind: 'mutation', suite: suiteRef, samples },
          {
            name: 'benchmark',
            kind: 'benchmark',
            suite: suiteRef,
            samples,
            concurrency: 8,
            arms: [
              { name: 'reference', model: 'reference' },
              { name: 'mock', model: 'mock/demo', base_url: mock.url, max_concurrency: 8 },
            ],
          },
        ],
      };
      const client = new Client({ connection: await Connection.connect({ address: server.address }) });
      const workflowId = workflowIdForRun(run_id);
      await client.workflow.start('benchmarkRun', { taskQueue, workflowId, args: [RunInputSchema.parse({ config })] });
      log(`run ${run_id} → ${output_dir}\n  (in another terminal: gauntlet status ${workflowId} --address ${server.address})`);
      let code = 1;
      try {
        code = await waitForRun(client, workflowId, output_dir);
        const s = mock.stats();
        log(`simulated API: ${s.total} requests, ${s.ok} answered, ${s.faults['429']} rate-limited (no row was written for those)`);
        log(`report: ${path.join(output_dir, 'report.md')} (also .html, .json); mutation report: ${path.join(output_dir, 'mutation/mutation/mutation-report.html')}`);
        const rel = path.relative(process.cwd(), path.dirname(output_dir));
        const viewCmd = `gauntlet view --runs-root ${rel.startsWith('..') || path.isAbsolute(rel) ? path.dirname(output_dir) : rel || '.'}`;
        log(`view it in a browser: ${viewCmd}  →  ${runPageUrl(`http://${DEFAULT_VIEW_HOST}:${DEFAULT_VIEW_PORT}`, run_id)}`);
      } finally {
        worker.shutdown();
        await workerDone;
        await nativeConnection.close();
        await mock.close();
        await server.stop();
      }
      process.exitCode = code;
    });
}
