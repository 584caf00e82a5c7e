import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { RunConfigInput } from '../../config/run-config';
import { HUMANEVAL, runToEnd, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { gauntlet } from '../helpers/processes';
import { useMockApi } from '../helpers/mock-api';

// The official SDKs read these; the simulated API accepts any key.
process.env.OPENAI_API_KEY ??= 'sk-test-simulated';
process.env.ANTHROPIC_API_KEY ??= 'sk-ant-test-simulated';
process.env.GEMINI_API_KEY ??= 'gemini-test-simulated';

const api = useMockApi(20);

const quickBackoff = { initial_s: 0.5, max_s: 2, multiplier: 2, max_total_wait_s: 600 };

function phase(name: string, arms: { name: string; model: string }[], extra: Record<string, unknown> = {}) {
  return {
    name,
    kind: 'benchmark' as const,
    suite: { name: 'humaneval' as const, data: HUMANEVAL },
    arms: arms.map((a) => ({ ...a, base_url: api().url })),
    samples: 20,
    concurrency: 4,
    ...extra,
  };
}

/** One benchmark phase of 20 samples per arm under a fault plan, run to the end; every unit must end with one passed row. */
async function stormRun(faults: string, arms: { name: string; model: string }[]) {
  api().configure({ faults, answers: 'canonical' });
  const before = api().stats();
  const out = tempDir();
  const outcome = await runToEnd({ output_dir: out, cache: false, backoff: quickBackoff, phases: [phase('bench', arms)] } satisfies RunConfigInput);
  expect(outcome.state).toBe('completed');
  const { rows } = await rowsOf(out);
  expect(rows).toHaveLength(20 * arms.length);
  expect(uniqueKeys(rows)).toBe(20 * arms.length);
  expect(rows.filter((r) => r.status !== 'passed')).toEqual([]);
  return { out, rows, before, after: api().stats() };
}

describe('model providers against the simulated API', () => {
  it('rides out a 429 storm with openai/ and anthropic/: every unit completes, no row from a 429, waits reported', async () => {
    const { out, rows, before, after } = await stormRun('429:6-30', [
      { name: 'gpt', model: 'openai/gpt-4o' },
      { name: 'claude', model: 'anthropic/claude-sonnet-5-5' },
    ]);
    expect(after.faults['429'] - before.faults['429']).toBeGreaterThanOrEqual(20);
    expect(after.by_api.openai - before.by_api.openai).toBeGreaterThan(20);
    expect(after.by_api.anthropic - before.by_api.anthropic).toBeGreaterThan(20);
    expect(rows.some((r) => /rate|429/.test(`${r.error_kind}${r.reason}`))).toBe(false);
    expect(rows.every((r) => r.tokens_in > 0 && r.tokens_out > 0)).toBe(true);
    const report = jsonOf(out, 'report.json');
    expect(report.health.waits.rate_limited.count).toBeGreaterThan(0);
    expect(jsonOf(out, 'run.json').waits.length).toBeGreaterThan(0);
  });

  it('google/ through @google/genai: a 429 storm and a quota window write no rows; every unit ends with one passed row', async () => {
    // 429s (per-minute quota, RetryInfo 1s) on requests 3-12, daily-quota exhaustion on 16-21.
    const { out, rows, before, after } = await stormRun('429:3-12,quota:16-21', [{ name: 'gemini', model: 'google/gemini-2.5-flash' }]);
    expect(after.faults['429'] - before.faults['429']).toBe(10);
    expect(after.faults.quota - before.faults.quota).toBe(6);
    expect(after.by_api.google - before.by_api.google).toBeGreaterThanOrEqual(20 + 16);
    expect(rows.every((r) => r.arm === 'gemini' && r.tokens_in > 0 && r.cost_usd > 0)).toBe(true);
    const waits = jsonOf(out, 'report.json').health.waits;
    expect(waits.rate_limited.count).toBeGreaterThan(0);
    expect(waits.exhausted.count).toBeGreaterThan(0);
  });

  it('retries 529s and hangs; persistent 500s become error rows that pass@k leaves out', async () => {
    api().configure({ faults: '529:1-2,hang:3-3', answers: 'canonical' });
    const before = api().stats();
    const out = tempDir();
    const transient = await runToEnd({
      output_dir: out,
      cache: false,
      retry: { unit_max_attempts: 4, unit_initial_interval_s: 0.2 },
      phases: [phase('bench', [{ name: 'gpt', model: 'openai/gpt-4o' }], { samples: 5, concurrency: 1, timeouts: { unit_s: 4, heartbeat_s: 10 } })],
    });
    expect(transient.state).toBe('completed');
    const s = api().stats();
    expect(s.faults['529'] - before.faults['529']).toBe(2);
    expect(s.faults.hang - before.faults.hang).toBe(1);
    expect((await rowsOf(out)).rows.map((r) => r.status)).toEqual(Array(5).fill('passed'));

    api().configure({ faults: '500:p1' });
    const out2 = tempDir();
    const persistent = await runToEnd({
      output_dir: out2,
      cache: false,
      retry: { unit_max_attempts: 2, unit_initial_interval_s: 0.1, error_rate_threshold: 1 },
      phases: [phase('bench', [{ name: 'gpt', model: 'openai/gpt-4o' }], { samples: 3, concurrency: 1 })],
    });
    api().configure({ faults: '' });
    expect(persistent.state).toBe('completed');
    const { rows } = await rowsOf(out2);
    expect(rows.map((r) => r.status)).toEqual(['error', 'error', 'error']);
    expect(rows.every((r) => r.error_kind === 'transient' && r.score === null)).toBe(true);
    const arm = jsonOf(out2, 'report.json').phases[0].arms[0];
    expect(arm.errors).toBe(3);
    expect(arm.pass_at_k[0].value).toBeNull();
  });

  it('repeating a finished run with the cache on makes zero API requests', async () => {
    api().configure({ faults: '', answers: 'canonical' });
    const cfg = (out: string): RunConfigInput => ({
      output_dir: out,
      phases: [phase('bench', [{ name: 'gpt', model: `openai/gpt-cache-${Date.now()}` }], { samples: 6 })],
    });
    const c = cfg(tempDir());
    await runToEnd(c);
    const afterFirst = api().stats().total;
    const again = await runToEnd({ ...c, output_dir: tempDir() });
    expect(again.state).toBe('completed');
    expect(api().stats().total).toBe(afterFirst);
    const { rows } = await rowsOf(again.output_dir);
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.cached === true && r.status === 'passed')).toBe(true);
  });

  it('ends a phase `exhausted` on quota errors (exit 2, resume command printed); the resume completes with one row per unit', async () => {
    api().configure({ faults: 'quota:4-100000', answers: 'canonical' });
    const queue = uniqueQueue('quota');
    const worker = await testWorker(queue);
    const out = tempDir();
    const address = inject('temporalAddress');
    const common = ['--address', address, '--task-queue', queue];
    const cfgFile = `${out}.config.json`;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      cfgFile,
      JSON.stringify({
        cache: false,
        backoff: { initial_s: 0.5, max_s: 1, multiplier: 2, max_total_wait_s: 2 },
        phases: [phase('bench', [{ name: 'gpt', model: 'openai/gpt-4o' }], { samples: 8, concurrency: 2 })],
      }),
    );
    const { first, second, partial } = await worker.runUntil(async () => {
      const first = gauntlet(['run', '--config', cfgFile, '--output', out, '--wait', ...common]);
      expect(await first.exited, first.output()).toBe(2);
      const resumeLine = first.output().match(/gauntlet run --resume --output (\S+) --wait/);
      expect(resumeLine, first.output()).not.toBeNull();
      expect(jsonOf(out, 'run.json').phases[0].state).toBe('exhausted');
      const partial = (await rowsOf(out)).rows;
      // The fault clears; the printed command finishes the run.
      api().configure({ faults: '' });
      const second = gauntlet(['run', '--resume', '--output', resumeLine![1]!, '--wait', ...common]);
      await second.exited;
      return { first, second, partial };
    });
    expect(first.output()).toMatch(/exhausted/);
    expect(await second.exited, second.output()).toBe(0);
    expect(partial.length).toBeLessThan(8);
    expect(partial.every((r) => r.status === 'passed')).toBe(true);
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(8);
    expect(uniqueKeys(rows)).toBe(8);
    expect(rows.every((r) => r.status === 'passed')).toBe(true);
    const run = jsonOf(out, 'run.json');
    expect(run.resume_events).toHaveLength(1);
    expect(run.resume_events[0]).toMatchObject({ resumed: true, tasks_skipped: partial.length, tasks_remaining: 8 - partial.length });
    expect(run.state).toBe('completed');
    const log = (await import('node:fs')).readFileSync(`${out}/benchmark.log`, 'utf8');
    expect(log).toMatch(new RegExp(`Resuming: ${partial.length}/8 tasks already done, ${8 - partial.length} remaining`));
  });
});
