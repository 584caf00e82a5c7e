import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { runToEnd, tempDir, testClient } from '../helpers/temporal';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/histories');
const bundle = () => ({ workflowBundle: { codePath: inject('workflowBundlePath') } });

/**
 * Determinism guard: histories recorded from real runs (scripts/record-histories.ts) must replay
 * against today's workflow code. A change that breaks this breaks every run in flight; if it is
 * intended, version it (patched()) or re-record the fixtures deliberately.
 */
describe('replay of recorded histories', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));

  it('has fixtures for the parent run and both phase kinds', () => {
    // store-*: the same run owned by a named store (store queue, rows recorded by the phase).
    expect(files.sort()).toEqual(['benchmarkRun.json', 'runPhase-benchmark.json', 'runPhase-validate.json', 'store-benchmarkRun.json', 'store-runPhase-benchmark.json', 'store-runPhase-validate.json']);
  });

  for (const f of files) {
    it(`replays ${f} without nondeterminism`, async () => {
      const history = historyFromJSON(JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')));
      expect(history.events?.length).toBeGreaterThan(10);
      // Child ids derive from the parent's id, so replay under the ids they were recorded with.
      const name = f.replace(/^store-/, '');
      const workflowId = name === 'benchmarkRun.json' ? 'recorded' : `recorded/${name.replace(/^runPhase-|\.json$/g, '')}/attempt-1`;
      await Worker.runReplayHistory(bundle(), history, workflowId);
    });
  }

  it('replays a history recorded just now, across continue-as-new (parent and every phase run)', async () => {
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'custom' }, arms: [{ name: 'ref', model: 'reference' }], samples_per_task: 2, concurrency: 6, max_batch: 2 }],
    });
    const client = await testClient();
    const executions = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = '${outcome.workflow_id}' OR WorkflowId = '${outcome.workflow_id}/b/attempt-1'` })) {
      executions.push({ workflowId: w.workflowId, runId: w.runId });
    }
    expect(executions.length).toBeGreaterThanOrEqual(3); // parent + at least two phase runs (continue-as-new)
    const histories = client.workflow.list({ query: `WorkflowId = '${outcome.workflow_id}' OR WorkflowId = '${outcome.workflow_id}/b/attempt-1'` }).intoHistories();
    let replayed = 0;
    for await (const r of Worker.runReplayHistories(bundle(), histories)) {
      expect(r.error, `${r.workflowId}: ${r.error?.message}`).toBeUndefined();
      replayed++;
    }
    expect(replayed).toBe(executions.length);
  });
});
