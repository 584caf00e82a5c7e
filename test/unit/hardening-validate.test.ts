import { afterAll, describe, expect, it } from 'vitest';
import { TaskSchema } from '../../config/task';
import { createSandbox } from '../../sandbox';
import { validateSuite, validateTask, validationStatus } from '../../hardening/validate';

const sandbox = createSandbox({ mode: 'fork-server' });
afterAll(async () => sandbox.close());

const task = (task_id: string, canonical_solution: string, test_code: string) =>
  TaskSchema.parse({ task_id, prompt: '', entry_point: 'f', canonical_solution, test_code, format: 'instruct' });

// A coin flip from the OS: each repeat passes with probability 1/2. The sandbox isolates samples
// (private /tmp, one uid each), so randomness or time is the only way for repeats to disagree;
// with 20 repeats all agree with probability 2^-19, so the test is deterministic in practice.
const FLAKY_REPEATS = 20;
const flaky = task('flaky', 'import os\n\ndef f():\n    return os.urandom(1)[0] % 2 == 0\n', 'assert f(), "coin flip"\n');
const good = task('good', 'def f(x):\n    return x * 2\n', 'assert f(2) == 4\n');
const bad = task('bad', 'def f(x):\n    return x + 2\n', 'assert f(3) == 6, "f(3) should be 6"\n');

describe('validateSuite', () => {
  it('passes good canonicals and fails broken ones, in suite order', async () => {
    const seen: string[] = [];
    const r = await validateSuite([good, bad], { sandbox, repeats: 3, concurrency: 2, onProgress: (_d, total, t) => seen.push(`${t.task_id}/${total}`) });
    const by = Object.fromEntries(r.tasks.map((t) => [t.task_id, t]));
    expect(r.tasks.map((t) => t.task_id)).toEqual(['good', 'bad']);
    expect(by.good).toMatchObject({ status: 'passed', outcomes: ['passed', 'passed', 'passed'] });
    expect(by.good!.durations_ms).toHaveLength(3);
    expect(by.good!.median_ms).toBeGreaterThan(0);
    expect(by.bad).toMatchObject({ status: 'failed', outcomes: ['failed', 'failed', 'failed'] });
    expect(by.bad!.detail).toBe('AssertionError: f(3) should be 6');
    expect(r.summary).toEqual({ total: 2, passed: 1, failed: 1, flaky: 0, error: 0 });
    expect(seen.sort()).toEqual(['bad/2', 'good/2']);
  });

  it('flags a canonical whose repeats disagree as flaky', async () => {
    const r = await validateTask(flaky, { sandbox, repeats: FLAKY_REPEATS });
    expect(r.outcomes).toHaveLength(FLAKY_REPEATS);
    expect(new Set(r.outcomes)).toEqual(new Set(['passed', 'failed']));
    expect(r.status).toBe('flaky');
    expect(r.detail).toBe('AssertionError: coin flip');
  });

  it('names the status of a set of outcomes; a sandbox error is never a verdict', () => {
    expect(validationStatus(['passed', 'passed'])).toBe('passed');
    expect(validationStatus(['timeout', 'failed'])).toBe('failed');
    expect(validationStatus(['passed', 'timeout'])).toBe('flaky');
    expect(validationStatus(['passed', 'error'])).toBe('error');
  });
});
