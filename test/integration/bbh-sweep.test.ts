import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { RunConfigInput } from '../../config/run-config';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import { unitHash } from '../../devtools/mock-api/faults';
import { mcnemarExact } from '../../analysis/mcnemar';
import { resolveSuite } from '../../eval/registry';
import { SHARED_DATASETS, runToEnd, startRun, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { gauntlet, waitFor } from '../helpers/processes';
import type { RunOutcome } from '../../workflows/benchmark-run';

/**
 * The BBH sweep under fire: 27 subtasks x 4 examples x 2 arms (cot-fewshot, direct) through the
 * OpenAI SDK (`mock` speaks the OpenAI wire format) while the simulated API throws 429 storms
 * and a ~20 s insufficient_quota window. Each arm has its own seed, so the mock's rate:0.6 draw
 * for every (sample, seed) is known here and the passed set of each arm can be asserted exactly.
 */
const BBH = path.join(SHARED_DATASETS, 'bbh');
const P = 0.6;
const SEEDS = { cot: 101, direct: 202 };
const N = 4;

let mock: MockApi;
beforeAll(async () => {
  mock = await startMockApi({ suite: 'bbh', data: BBH, answers: `rate:${P}`, latencyMs: 15 });
});
afterAll(async () => {
  await mock?.close();
});

const arm = (name: keyof typeof SEEDS, solver: string) => ({ name, model: 'mock', solver, base_url: mock.url, params: { max_tokens: 512, seed: SEEDS[name] } });

function sweep(out: string, extra: Partial<RunConfigInput> = {}, n = N, subtasks?: string[]): RunConfigInput {
  return {
    output_dir: out,
    cache: false,
    backoff: { initial_s: 0.5, max_s: 2, multiplier: 2, max_total_wait_s: 600 },
    phases: [
      {
        name: 'bench',
        kind: 'benchmark',
        suite: { name: 'bbh', data: BBH, options: { n_per_subtask: n, ...(subtasks ? { subtasks } : {}) } },
        arms: [arm('cot', 'cot-fewshot'), arm('direct', 'direct')],
        concurrency: 8,
      },
    ],
    ...extra,
  };
}

describe('BBH sweep against the simulated API', () => {
  it('rides out 429 storms and a 20 s quota window: one row per unit, none for a 429 or quota, the exact passed sets, waits in Run Health', async () => {
    mock.configure({ faults: '429:10-40,429:p0.05', answers: `rate:${P}` });
    const before = mock.stats();
    const out = tempDir();
    const queue = uniqueQueue('bbh');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, sweep(out));
    const outcome = await worker.runUntil(async () => {
      // The quota window opens once the sweep is under way (a sixth of the units in), for 20 s.
      await waitFor(async () => (await rowsOf(out).catch(() => ({ rows: [] }))).rows.length >= 36, 120_000, 'the first units of the sweep');
      mock.configure({ faults: 'quota:@0-20s,429:p0.05' });
      return (await handle.result()) as RunOutcome;
    });
    mock.configure({ faults: '' });
    expect(outcome.state).toBe('completed');

    const stats = mock.stats();
    expect(stats.faults.quota - before.faults.quota).toBeGreaterThan(0);
    expect(stats.faults['429'] - before.faults['429']).toBeGreaterThanOrEqual(31);

    const { rows } = await rowsOf(out);
    const units = 27 * N * 2;
    expect(rows).toHaveLength(units);
    expect(uniqueKeys(rows)).toBe(units);
    expect(rows.filter((r) => r.status === 'error')).toEqual([]);
    expect(rows.some((r) => /rate|429|quota|exhaust/i.test(`${r.error_kind ?? ''}${r.reason ?? ''}`))).toBe(false);

    const samples = await (await resolveSuite('bbh')).samples({ data: BBH, options: { n_per_subtask: N } });
    const passedOf = (a: string) => rows.filter((r) => r.arm === a && r.status === 'passed').map((r) => r.task_id).sort();
    const predicted = (a: keyof typeof SEEDS) => samples.filter((s) => unitHash(`${s.id}:${SEEDS[a]}`) < P).map((s) => s.id).sort();
    expect(passedOf('cot')).toEqual(predicted('cot'));
    expect(passedOf('direct')).toEqual(predicted('direct'));
    expect(rows.filter((r) => r.status === 'failed').every((r) => r.reason === 'wrong_answer')).toBe(true);
    expect(rows.every((r) => r.category === r.task_id.split('/')[1])).toBe(true);

    const report = jsonOf(out, 'report.json');
    expect(report.health.waits.exhausted.count).toBeGreaterThan(0);
    expect(report.health.waits.rate_limited.count).toBeGreaterThan(0);
    const bench = report.phases[0];
    expect(bench.categories).toHaveLength(27);
    const cotOnly = predicted('cot').filter((id) => !predicted('direct').includes(id)).length;
    const directOnly = predicted('direct').filter((id) => !predicted('cot').includes(id)).length;
    expect(bench.comparisons[0]).toMatchObject({ arm_a: 'cot', arm_b: 'direct', category: null, tasks: 27 * N, a_only: cotOnly, b_only: directOnly, p_value: mcnemarExact(cotOnly, directOnly) });
    expect(bench.category_averages.map((a: { micro: number }) => a.micro)).toEqual([predicted('cot').length / (27 * N), predicted('direct').length / (27 * N)]);
    const md = (await import('node:fs')).readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/Usage-exhaustion waits: [1-9]/);
    expect(md).toContain('### Averages over categories');
    expect(md).toContain('| cot vs direct |');

    // replay: re-scores the recorded answers of BBH rows without a call
    const callsBefore = mock.stats().total;
    const re = tempDir();
    const replayed = await runToEnd({
      output_dir: re,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'bbh', data: BBH, options: { n_per_subtask: N } }, arms: [{ name: 'replay', model: `replay:${out}/results.jsonl` }] }],
    });
    expect(replayed.state).toBe('completed');
    expect(mock.stats().total).toBe(callsBefore);
    const again = (await rowsOf(re)).rows;
    expect(again).toHaveLength(27 * N);
    for (const r of again) expect(rows.some((o) => o.task_id === r.task_id && o.answer === r.answer && o.status === r.status)).toBe(true);
  });

  it('`gauntlet run bbh --wait` exits 2 with the resume command only past max_total_wait_s; that command completes the run', async () => {
    mock.configure({ faults: 'quota:5-100000', answers: `rate:${P}` });
    const queue = uniqueQueue('bbh-quota');
    const worker = await testWorker(queue);
    const out = tempDir();
    const common = ['--address', inject('temporalAddress'), '--task-queue', queue];
    const cfgFile = `${out}.config.json`;
    const subtasks = ['navigate', 'word_sorting', 'date_understanding'];
    writeFileSync(cfgFile, JSON.stringify({ ...sweep(out, { backoff: { initial_s: 0.5, max_s: 1, multiplier: 2, max_total_wait_s: 2 } }, 2, subtasks), output_dir: undefined }));
    const { first, second, partial } = await worker.runUntil(async () => {
      const first = gauntlet(['run', '--config', cfgFile, '--output', out, '--wait', ...common]);
      expect(await first.exited, first.output()).toBe(2);
      const partial = (await rowsOf(out)).rows;
      mock.configure({ faults: '' });
      const cmd = first.output().match(/gauntlet run --resume --output (\S+) --wait/);
      expect(cmd, first.output()).not.toBeNull();
      const second = gauntlet(['run', '--resume', '--output', cmd![1]!, '--wait', ...common]);
      await second.exited;
      return { first, second, partial };
    });
    expect(first.output()).toMatch(/usage exhausted/);
    expect(await second.exited, second.output()).toBe(0);
    expect(partial.length).toBeLessThan(12);
    expect(partial.every((r) => r.status !== 'error')).toBe(true);
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(12);
    expect(uniqueKeys(rows)).toBe(12);
    expect(rows.every((r) => r.status !== 'error')).toBe(true);
    expect(jsonOf(out, 'run.json')).toMatchObject({ state: 'completed', resume_events: [{ tasks_skipped: partial.length }] });
  });
});
