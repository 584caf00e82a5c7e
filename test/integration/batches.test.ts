import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HUMANEVAL, runToEnd, tempDir, testClient } from '../helpers/temporal';
import { jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { useMockApi } from '../helpers/mock-api';

process.env.OPENAI_API_KEY ??= 'sk-test-simulated'; // the official SDK reads it; the simulated API accepts any key
const api = useMockApi(8);

const SCORER = `${path.resolve(import.meta.dirname, '../fixtures/plugins/broken-for-one.ts')}#brokenForOne`;

/** The events of every execution of a workflow id (a continue-as-new chain has several). */
async function historyEvents(workflowId: string) {
  const client = await testClient();
  const events = [];
  for await (const w of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) events.push(...((await client.workflow.getHandle(w.workflowId, w.runId).fetchHistory()).events ?? []));
  return events;
}

/** Activity types scheduled by every execution of a workflow id. */
async function scheduled(workflowId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const e of await historyEvents(workflowId)) {
    const t = e.activityTaskScheduledEventAttributes?.activityType?.name;
    if (t) counts[t] = (counts[t] ?? 0) + 1;
  }
  return counts;
}

/**
 * The rate-limit holds recorded in run.json, and the simulated API's requests that arrived inside
 * one. The first 750 ms of a hold are left out: a unit already between its steps may still start.
 */
function requestsInsideHolds(out: string, timeline: { at_ms: number }[]): { holds: number; inside: { at_ms: number }[] } {
  const HOLD_SLACK_MS = 750;
  const waits = (jsonOf(out, 'run.json').waits as { failure_class: string; started_at: string; wait_s: number }[]).filter((w) => w.failure_class === 'rate_limited');
  const inside = waits.flatMap((w) => {
    const from = Date.parse(w.started_at) + HOLD_SLACK_MS;
    const to = Date.parse(w.started_at) + w.wait_s * 1000;
    return timeline.filter((r) => r.at_ms > from && r.at_ms < to);
  });
  return { holds: waits.length, inside };
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

  it('evaluates model-bound units side by side, several per activity; a 429 storm inside the batches writes no row for the 429s and holds the provider', async () => {
    api().configure({ faults: '429:5-12', answers: 'canonical', latency_ms: 300, retry_after_ms: 1500 });
    const t0 = Date.now();
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      cache: false,
      backoff: { initial_s: 0.5, max_s: 2, multiplier: 2, max_total_wait_s: 600 },
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, samples: 8, samples_per_task: 4, concurrency: 8, arms: [{ name: 'gpt', model: 'openai/gpt-4o', base_url: api().url }] }],
    });
    const timeline = api().requests().filter((r) => r.at_ms >= t0);
    api().configure({ faults: '', latency_ms: 0, retry_after_ms: 1000 });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(32);
    expect(uniqueKeys(rows)).toBe(32);
    expect(rows.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(timeline.filter((r) => r.outcome === '429')).toHaveLength(8);
    expect(timeline.filter((r) => r.outcome === 'ok')).toHaveLength(32);

    const acts = await scheduled(`${outcome.workflow_id}/b/attempt-1`);
    // 32 units in fewer activities (batches shrink while the halved provider limit grows back).
    expect(acts.runUnits).toBeGreaterThan(0);
    expect((acts.runUnits ?? 0) + (acts.runUnit ?? 0)).toBeLessThan(32);

    // The provider was held: no request started inside a hold (beyond the slack of the units already in flight).
    const held = requestsInsideHolds(out, timeline);
    expect(held.holds).toBeGreaterThan(0);
    expect(held.inside).toEqual([]);
  });

  it('pools model units: a batch carries more units than slots, never more requests in flight than the concurrency, and a 429 stops it from starting more', async () => {
    const LATENCY_MS = 200;
    const CONCURRENCY = 8;
    api().configure({ faults: '429:20', answers: 'canonical', latency_ms: LATENCY_MS, retry_after_ms: 1500 });
    const t0 = Date.now();
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      cache: false,
      backoff: { initial_s: 0.5, max_s: 2, multiplier: 2, max_total_wait_s: 600 },
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, samples: 8, samples_per_task: 8, concurrency: CONCURRENCY, arms: [{ name: 'gpt', model: 'openai/gpt-4o', base_url: api().url }] }],
    });
    const timeline = api().requests().filter((r) => r.at_ms >= t0);
    api().configure({ faults: '', latency_ms: 0, retry_after_ms: 1000 });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(64);
    expect(uniqueKeys(rows)).toBe(64);
    expect(rows.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(timeline.filter((r) => r.outcome === '429')).toHaveLength(1);
    expect(timeline.filter((r) => r.outcome === 'ok')).toHaveLength(64);

    // Some batch was pooled: more units than slots (the first batch has no unit time yet to size by).
    const inputs = (await historyEvents(`${outcome.workflow_id}/b/attempt-1`))
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'runUnits')
      .map((e) => JSON.parse(Buffer.from(e.activityTaskScheduledEventAttributes!.input!.payloads![0]!.data!).toString()) as { units: number[]; width?: number });
    expect(inputs.some((i) => i.width !== undefined && i.units.length > i.width)).toBe(true);

    // In flight: requests arriving within less than one latency of each other overlap.
    const at = timeline.map((r) => r.at_ms).sort((a, b) => a - b);
    const window = LATENCY_MS - 20;
    const maxOverlap = Math.max(...at.map((a, i) => at.slice(i).filter((b) => b < a + window).length));
    expect(maxOverlap).toBeLessThanOrEqual(CONCURRENCY);

    // The 429 reaches the worker one latency after it arrived; from then on no batch of this
    // worker starts a unit until its Retry-After is over (the phase hears of it only when the batch ends).
    const t429 = timeline.find((r) => r.outcome === '429')!.at_ms;
    expect(timeline.filter((r) => r.at_ms > t429 + LATENCY_MS + 100 && r.at_ms < t429 + 1500)).toEqual([]);
    // Nor inside the phase's recorded hold (beyond the slack of units already between steps).
    const held = requestsInsideHolds(out, timeline);
    expect(held.holds).toBe(1);
    expect(held.inside).toEqual([]);
  });
});
