import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { HUMANEVAL, runToEnd, startRun, tempDir, testClient, testWorker, uniqueQueue } from '../helpers/temporal';
import { assertAllFilesParse, jsonOf, rowsOf } from '../helpers/files';
import { useMockApi } from '../helpers/mock-api';
import { waitFor } from '../helpers/processes';
import type { RunOutcome } from '../../workflows/benchmark-run';
import type { CrashEvent } from '../../config/run-record';

const ref = [{ name: 'ref', model: 'reference' }];
const fastRetry = { strike_delay_s: 1, phase_max_attempts: 3, unit_max_attempts: 2, unit_initial_interval_s: 0.2, error_rate_threshold: 0.5 };

const api = useMockApi(10);

/** A simulated-model arm: its 500s are transient errors, the kind of failure strikes are for. */
const mockArm = () => [{ name: 'mock', model: 'mock', base_url: api().url }];

describe('phases under the 3-strike rule', () => {
  it('retries a phase whose units errored past the threshold, then succeeds once the API is healthy', async () => {
    const out = tempDir();
    // Every call of the first attempt fails (5 units x 2 tries); the second attempt re-runs the error rows.
    api().configure({ faults: '500:1-10', answers: 'canonical' });
    const outcome = await runToEnd({
      output_dir: out,
      cache: false,
      retry: fastRetry,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: mockArm(), samples: 5, concurrency: 1 }],
    });
    api().configure({ faults: '' });
    expect(outcome.state).toBe('completed');
    expect(outcome.phases[0]).toMatchObject({ name: 'bench', state: 'completed', attempts: 2 });
    const crashes = jsonOf<CrashEvent[]>(out, 'crash_log.json');
    expect(crashes).toHaveLength(1);
    expect(crashes[0]).toMatchObject({ phase: 'bench', attempt: 1, exit_code: 1, tasks_completed_before_crash: 0, tasks_remaining: 5 });
    expect(crashes[0]!.stderr_tail).toMatch(/error_rate: 5 of 5 units ended in error/);
    expect((await rowsOf(out)).rows.filter((r) => r.status === 'passed')).toHaveLength(5);
    const report = jsonOf(out, 'report.json');
    expect(JSON.stringify(report.health)).toMatch(/bench/);
  });

  it('marks a phase failed after 3 strikes and still runs the next phase; the report lists it', async () => {
    const out = tempDir();
    api().configure({ faults: '500:p1', answers: 'canonical' });
    const outcome = await runToEnd({
      output_dir: out,
      cache: false,
      retry: fastRetry,
      phases: [
        { name: 'broken', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: mockArm(), samples: 5, concurrency: 2 },
        { name: 'good', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 3 },
      ],
    });
    api().configure({ faults: '' });
    expect(outcome.state).toBe('failed');
    expect(outcome.phases.map((p) => [p.name, p.state, p.attempts])).toEqual([
      ['broken', 'failed', 3],
      ['good', 'completed', 1],
    ]);
    const crashes = jsonOf<CrashEvent[]>(out, 'crash_log.json');
    expect(crashes.map((c) => c.attempt)).toEqual([1, 2, 3]);
    const { rows } = await rowsOf(out);
    expect(rows.filter((r) => r.phase === 'good' && r.status === 'passed')).toHaveLength(3);
    const report = jsonOf(out, 'report.json');
    expect(report.health.strike_limit_phases.map((p: { name: string }) => p.name)).toEqual(['broken']);
    expect(report.health.crashes.total).toBe(3);
    const md = await import('node:fs').then((fs) => fs.readFileSync(path.join(out, 'report.md'), 'utf8'));
    expect(md).toMatch(/Run Health/);
    expect(md).toMatch(/broken/);
    assertAllFilesParse(out);
  });
});

describe('control signals', () => {
  it('pause stops new units, resume continues, and the run completes', async () => {
    const out = tempDir();
    const queue = uniqueQueue('pause');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, {
      output_dir: out,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 30, concurrency: 2, max_batch: 2 }],
    });
    const outcome = await worker.runUntil(async () => {
      await waitFor(async () => (await rowsOf(out)).rows.length >= 3, 60_000, 'first rows');
      await handle.signal('pause');
      // In-flight units finish; after that nothing new starts.
      await new Promise((r) => setTimeout(r, 2500));
      const atPause = (await rowsOf(out)).rows.length;
      await new Promise((r) => setTimeout(r, 2500));
      expect((await rowsOf(out)).rows.length).toBe(atPause);
      expect(atPause).toBeLessThan(30);
      const p = await handle.query('progress');
      expect((p as { state: string }).state).toBe('paused');
      await handle.signal('resume');
      return (await handle.result()) as RunOutcome;
    });
    expect(outcome.state).toBe('completed');
    expect((await rowsOf(out)).rows).toHaveLength(30);
  });

  it('cancel (signal) lets in-flight units finish and writes a partial report', async () => {
    const out = tempDir();
    const queue = uniqueQueue('cancel');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, {
      output_dir: out,
      phases: [
        { name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 60, concurrency: 2, max_batch: 2 },
        { name: 'later', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 2 },
      ],
    });
    const outcome = await worker.runUntil(async () => {
      await waitFor(async () => (await rowsOf(out)).rows.length >= 4, 60_000, 'first rows');
      await handle.signal('cancel');
      return (await handle.result()) as RunOutcome;
    });
    expect(outcome.state).toBe('cancelled');
    expect(outcome.phases.map((p) => p.state)).toEqual(['cancelled', 'cancelled']);
    const { rows } = await rowsOf(out);
    expect(rows.length).toBeLessThan(60);
    const report = jsonOf(out, 'report.json');
    expect(report.partial).toBeTruthy();
    expect(jsonOf(out, 'run.json').state).toBe('cancelled');
  });

  it('a Temporal cancel request also ends with a written partial report', async () => {
    const out = tempDir();
    const queue = uniqueQueue('tcancel');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, {
      output_dir: out,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 60, concurrency: 2 }],
    });
    await worker.runUntil(async () => {
      await waitFor(async () => (await rowsOf(out)).rows.length >= 4, 60_000, 'first rows');
      await handle.cancel();
      await handle.result().catch(() => undefined);
    });
    const desc = await handle.describe();
    expect(desc.status.name).toBe('CANCELLED');
    expect(existsSync(path.join(out, 'report.json'))).toBe(true);
    expect(jsonOf(out, 'run.json').state).toBe('cancelled');
    expect(jsonOf(out, 'report.json').partial).toBeTruthy();
  });
});

describe('continue-as-new', () => {
  it('keeps a large phase correct across continue-as-new (the dev server suggests it at 300 events)', async () => {
    const out = tempDir();
    const queue = uniqueQueue('can');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, {
      run_id: 'can-164',
      output_dir: out,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, concurrency: 8, max_batch: 2 }],
    });
    const outcome = (await worker.runUntil(handle.result())) as RunOutcome;
    expect(outcome.state).toBe('completed');
    const { rows, duplicates } = await rowsOf(out);
    expect(rows).toHaveLength(164);
    expect(rows.filter((r) => r.status === 'passed')).toHaveLength(164);
    expect(duplicates).toBe(0);
    const client = await testClient();
    const runs = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = '${handle.workflowId}/bench/attempt-1'` })) runs.push(w.status.name);
    expect(runs.filter((s) => s === 'CONTINUED_AS_NEW').length).toBeGreaterThanOrEqual(1);
    expect(runs).toContain('COMPLETED');
  });
});
