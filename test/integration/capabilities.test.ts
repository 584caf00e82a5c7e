import os from 'node:os';
import { describe, expect, inject, it } from 'vitest';
import { afterAll } from 'vitest';
import { testClient, tempDir, uniqueQueue } from '../helpers/temporal';
import { gauntlet, waitFor, type Proc } from '../helpers/processes';
import { rowsOf } from '../helpers/files';
import { useMockApi } from '../helpers/mock-api';
import { HUMANEVAL } from '../helpers/temporal';

const NO_KEYS = { ANTHROPIC_API_KEY: '', OPENAI_API_KEY: '', GOOGLE_API_KEY: '', GEMINI_API_KEY: '' };
const api = useMockApi(6);

/**
 * Two real `gauntlet worker` processes on one task queue, one with an Anthropic key (fake: the
 * simulated API takes any) and one without. A phase of anthropic/ units must run on the first
 * only (the history's activity tasks say which worker started them), and a run whose units need a
 * key no worker has is refused by `gauntlet run` with what to start.
 */
describe('capability routing', () => {
  const queue = uniqueQueue('caps');
  const workers: Proc[] = [];
  const start = async (env: Record<string, string>) => {
    const w = gauntlet(['worker', '--address', inject('temporalAddress'), '--task-queue', queue, '--max-concurrent', '8'], env);
    workers.push(w);
    await waitFor(() => /worker polling/.test(w.output()), 60_000, `a worker's startup line (so far: ${w.output()})`);
    return w;
  };

  afterAll(async () => {
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exited));
  });

  it("runs a phase that needs a provider key only on the worker that has one", async () => {
    const keyed = await start({ ...NO_KEYS, ANTHROPIC_API_KEY: 'sk-ant-fake-for-the-simulated-api' });
    const keyless = await start(NO_KEYS);
    expect(keyed.output()).toMatch(/capabilities: environments [^;]*; providers anthropic \(\+\d+ capability queues?\)/);
    expect(keyless.output()).toMatch(/capabilities: environments [^;]*; providers none \(no API keys\)/);
    // its activity-only workers say nothing about having no workflows: logs stay quiet
    expect(keyed.output()).not.toContain('No workflows registered');

    const out = tempDir();
    // No key here either: --no-env-check leaves it to the workers, and the run checks one can serve it.
    const run = gauntlet(
      ['run', 'humaneval', '--data', HUMANEVAL, '--model', 'anthropic/claude-sonnet-4-5', '--base-url', api().url, '--samples', '6', '--concurrency', '6', '--no-cache', '--no-env-check',
        '--output', out, '--address', inject('temporalAddress'), '--task-queue', queue, '--wait'],
      NO_KEYS,
    );
    expect(await run.exited, run.output()).toBe(0);
    const { rows } = await rowsOf(out);
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('passed'));

    const workflowId = /started (\S+)/.exec(run.output())![1]!;
    const client = await testClient();
    const history = await client.workflow.getHandle(`${workflowId}/benchmark/attempt-1`).fetchHistory();
    const scheduled = new Map<string, { type: string; queue: string }>();
    const startedBy: { type: string; queue: string; identity: string }[] = [];
    for (const e of history.events ?? []) {
      const s = e.activityTaskScheduledEventAttributes;
      if (s) scheduled.set(String(e.eventId), { type: s.activityType?.name ?? '', queue: s.taskQueue?.name ?? '' });
      const st = e.activityTaskStartedEventAttributes;
      if (st) startedBy.push({ ...scheduled.get(String(st.scheduledEventId))!, identity: st.identity ?? '' });
    }
    const unitTasks = startedBy.filter((a) => a.type === 'runUnit' || a.type === 'runUnits');
    expect(unitTasks.length).toBeGreaterThan(0);
    expect(new Set(unitTasks.map((a) => a.queue))).toEqual(new Set([`${queue}@provider=anthropic`]));
    expect(new Set(unitTasks.map((a) => a.identity))).toEqual(new Set([`${keyed.child.pid}@${os.hostname()}`]));
  });

  it('refuses a run whose units need a key no worker has, and says what to start', async () => {
    const run = gauntlet(
      ['run', 'humaneval', '--data', HUMANEVAL, '--model', 'google/gemini-2.5-flash', '--base-url', api().url, '--samples', '2', '--no-env-check',
        '--output', tempDir(), '--address', inject('temporalAddress'), '--task-queue', queue],
      { ...NO_KEYS, GAUNTLET_STORE_WAIT_S: '3' },
    );
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`phase benchmark needs GOOGLE_API_KEY or GEMINI_API_KEY: no worker polls ${queue}@provider=google`);
    expect(run.output()).toContain(`export GOOGLE_API_KEY=..., then \`gauntlet worker --task-queue ${queue}\``);
    expect(run.output()).not.toMatch(/^started /m);
  });
});
