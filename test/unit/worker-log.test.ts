import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import type { LogEntry } from '@temporalio/worker';
import { WorkerLog } from '../../workers/worker-log';
import { FAILURE } from '../../contract/phase';

const failed = (error: unknown, attempt = 1): LogEntry => ({
  level: 'WARN',
  message: 'Activity failed',
  meta: { activityType: 'runUnit', attempt, workflowId: 'wf/bench/attempt-1', error, durationMs: 12 },
  timestampNanos: 1_767_225_600_000_000_000n,
});
const rateLimited = (n: number) =>
  ApplicationFailure.create({ type: FAILURE.rateLimited, nonRetryable: true, message: `mock: 429 rate_limit_exceeded #${n}\nsecond line`, details: [{ retryAfterMs: 1000 }] });

function capture(intervalMs = 60_000) {
  const lines: string[] = [];
  const log = new WorkerLog((s) => lines.push(...s.split('\n').filter(Boolean)), intervalMs);
  return { log, lines };
}

describe('worker log', () => {
  it('an expected failure is one line without a stack; a burst of the same type becomes one "N more" line', () => {
    const { log, lines } = capture();
    for (let i = 1; i <= 30; i++) log.entry(failed(rateLimited(i)));
    expect(lines).toEqual(['2026-01-01T00:00:00.000Z [WARN] runUnit rate_limited (attempt 1): mock: 429 rate_limit_exceeded #1']);
    log.flush();
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/\[WARN\] runUnit rate_limited: 29 more in the last 60 s; last: mock: 429 rate_limit_exceeded #30$/);
    expect(lines.join('\n')).not.toMatch(/\bat .*\(|failure\.ts|second line/);
  });

  it('each expected type and activity has its own line; an interval that ends opens a new one', async () => {
    const { log, lines } = capture(50);
    log.entry(failed(rateLimited(1)));
    log.entry(failed(ApplicationFailure.create({ type: FAILURE.exhausted, nonRetryable: true, message: 'openai: insufficient_quota' })));
    log.entry({ ...failed(rateLimited(2)), meta: { ...failed(rateLimited(2)).meta, activityType: 'planPhase' } });
    expect(lines.map((l) => l.replace(/^\S+ /, ''))).toEqual([
      '[WARN] runUnit rate_limited (attempt 1): mock: 429 rate_limit_exceeded #1',
      '[WARN] runUnit exhausted (attempt 1): openai: insufficient_quota',
      '[WARN] planPhase rate_limited (attempt 1): mock: 429 rate_limit_exceeded #2',
    ]);
    await new Promise((r) => setTimeout(r, 120));
    log.entry(failed(rateLimited(3), 2));
    expect(lines[3]).toMatch(/runUnit rate_limited \(attempt 2\): mock: 429 rate_limit_exceeded #3$/);
  });

  it('a real bug (not one of our failure types) keeps its stack', () => {
    const { log, lines } = capture();
    const bug = new TypeError("Cannot read properties of undefined (reading 'task_id')");
    log.entry(failed(bug));
    log.entry(failed(ApplicationFailure.create({ type: 'SomethingElse', message: 'unclassified' })));
    const text = lines.join('\n');
    expect(text).toMatch(/\[WARN\] Activity failed .*activityType: 'runUnit'/s);
    expect(text).toMatch(/TypeError: Cannot read properties of undefined/);
    expect(text).toMatch(/\n\s+at /);
    expect(text).toMatch(/unclassified/);
  });

  it('other SDK messages are passed through unchanged', () => {
    const { log, lines } = capture();
    log.entry({ level: 'INFO', message: 'Worker state changed', meta: { state: 'RUNNING' }, timestampNanos: 1_767_225_600_000_000_000n });
    expect(lines).toEqual(["2026-01-01T00:00:00.000Z [INFO] Worker state changed { state: 'RUNNING' }"]);
  });

  it("an activity-only worker's 'no workflows' warning is not said (capability queues have none by design)", () => {
    const { log, lines } = capture();
    log.entry({ level: 'WARN', message: 'No workflows registered, not polling for workflow tasks', meta: { taskQueue: 'q@provider=anthropic' }, timestampNanos: 1_767_225_600_000_000_000n });
    expect(lines).toEqual([]);
  });
});
