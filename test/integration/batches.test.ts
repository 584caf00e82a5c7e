import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUMANEVAL, runToEnd, tempDir, testClient } from '../helpers/temporal';
import { rowsOf, uniqueKeys } from '../helpers/files';

const SCORER = `${path.resolve(import.meta.dirname, '../fixtures/plugins/broken-for-one.ts')}#brokenForOne`;

/** Activity types scheduled by every execution of a workflow id (a continue-as-new chain has several). */
async function scheduled(workflowId: string): Promise<Record<string, number>> {
  const client = await testClient();
  const counts: Record<string, number> = {};
  for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    const h = await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory();
    for (const e of h.events ?? []) {
      const t = e.activityTaskScheduledEventAttributes?.activityType?.name;
      if (t) counts[t] = (counts[t] ?? 0) + 1;
    }
  }
  return counts;
}

describe('units in batches', () => {
  it('evaluates reference units several per activity; a unit that throws runs alone and ends as an error row', async () => {
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      retry: { unit_max_attempts: 2, unit_initial_interval_s: 0.1 },
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, samples: 40, scorer: SCORER, concurrency: 2, arms: [{ name: 'ref', model: 'reference' }] }],
    });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(40);
    expect(uniqueKeys(rows)).toBe(40);
    expect(rows.filter((r) => r.status === 'error').map((r) => r.task_id)).toEqual(['HumanEval/3']);
    expect(rows.filter((r) => r.status === 'passed')).toHaveLength(39);

    const acts = await scheduled(`${outcome.workflow_id}/b/attempt-1`);
    // 40 units in far fewer activities; the faulty unit alone through runUnit, with its 2 attempts recorded as one schedule.
    expect(acts.runUnits).toBeGreaterThan(0);
    expect(acts.runUnits).toBeLessThanOrEqual(10);
    expect(acts.runUnit).toBe(1);
  });

  it('max_batch 1 keeps one activity per unit', async () => {
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, samples: 6, max_batch: 1, arms: [{ name: 'ref', model: 'reference' }] }],
    });
    expect(outcome.state).toBe('completed');
    const acts = await scheduled(`${outcome.workflow_id}/b/attempt-1`);
    expect(acts.runUnits ?? 0).toBe(6);
  });
});
