/**
 * Records workflow histories for the replay tests (test/integration/replay.test.ts): a real run
 * on a local dev server — validate + benchmark phases, a `reference` arm and a `mock` arm whose
 * simulated API answers a few 429s (so the backoff path is in the history). Re-run after an
 * intentional change to workflow code: `npm run record-histories`, then commit the fixtures.
 * `npm run record-histories -- --store` records the same run owned by a named store (store queue,
 * rows recorded by the phase) into `store-*.json`, leaving the other fixtures as they are.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { execFileSync } from 'node:child_process';
import { startMockApi } from '../devtools/mock-api';
import { loadSuite } from '../eval/suites';
import { RunInputSchema } from '../config/run-config';
import { ensureTemporalCli } from '../workers/temporal-cli';
import { createGauntletWorker } from '../workers/worker';
import { SEARCH_ATTRIBUTES } from '../contract/search-attributes';

const OUT = fileURLToPath(new URL('../test/fixtures/histories/', import.meta.url));
const STORE = process.argv.includes('--store') ? 'recorder' : undefined;
const PREFIX = STORE ? 'store-' : '';

Runtime.install({ logger: new DefaultLogger('WARN') });
const cli = await ensureTemporalCli();
const env = await TestWorkflowEnvironment.createLocal({
  server: { executable: { type: 'existing-path', path: cli }, searchAttributes: SEARCH_ATTRIBUTES },
});
const { tasks } = await loadSuite({ name: 'custom' });
const ids = ['ALGO_001', 'DATA_001', 'BUG_001'];
const mock = await startMockApi({ tasks, answers: 'canonical', faults: '429:2-3' });
try {
  const worker = await createGauntletWorker({ connection: env.nativeConnection, taskQueue: 'record', ...(STORE ? { store: STORE } : {}) });
  const input = RunInputSchema.parse({
    config: {
      run_id: 'recorded',
      ...(STORE ? { store: STORE } : {}),
      output_dir: mkdtempSync(path.join(os.tmpdir(), 'gauntlet-record-')),
      cache: false,
      backoff: { initial_s: 0.5, max_s: 1, multiplier: 2, max_total_wait_s: 60 },
      phases: [
        { name: 'validate', kind: 'validate', suite: { name: 'custom' }, sample_ids: ids },
        {
          name: 'benchmark',
          kind: 'benchmark',
          suite: { name: 'custom' },
          sample_ids: ids,
          concurrency: 2,
          arms: [
            { name: 'ref', model: 'reference' },
            { name: 'mock', model: 'mock/recorded', base_url: mock.url },
          ],
        },
      ],
    },
  });
  const handle = await env.client.workflow.start('benchmarkRun', { taskQueue: 'record', workflowId: 'recorded', args: [input] });
  await worker.runUntil(handle.result());
  // The Temporal CLI writes the same JSON the Web UI downloads; historyFromJSON reads it back.
  const save = async (workflowId: string, name: string) => {
    const json = execFileSync(cli, ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', env.address], { maxBuffer: 64 << 20 });
    writeFileSync(path.join(OUT, name), json);
    console.error(`recorded ${workflowId} → ${name} (${JSON.parse(json.toString()).events.length} events)`);
  };
  await save('recorded', `${PREFIX}benchmarkRun.json`);
  await save('recorded/validate/attempt-1', `${PREFIX}runPhase-validate.json`);
  await save('recorded/benchmark/attempt-1', `${PREFIX}runPhase-benchmark.json`);
} finally {
  await mock.close();
  await env.teardown();
}
