import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendRows } from '../../store/results';
import { writeJsonAtomic } from '../../store/atomic';
import { coalesce } from '../../progress/coalesce';
import { estimateEta, progressFromSummary } from '../../progress/progress-view';
import { renderProgressPage } from '../../progress/render-page';
import { createProgressWriter, writeProgressPage } from '../../progress/write-page';
import { summarizeRun } from '../../report/summarize';
import type { RunRecord } from '../../config/run-record';
import { row, taskRows } from './report-fixtures';

const record: RunRecord = {
  run_id: 'r1',
  workflow_id: 'wf-r1',
  output_dir: '/tmp/r1',
  config: { phases: [{ name: 'bench', kind: 'benchmark', k: [1], arms: [{ name: 'a' }, { name: 'b' }] }] },
  state: 'running',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:10:00.000Z',
  phases: [{ name: 'bench', kind: 'benchmark', state: 'running', attempts: 1, units_total: 40, started_at: '2025-01-01T00:00:00.000Z' }],
  resume_events: [],
  waits: [],
};

describe('progress page', () => {
  it('shows done/total, outcomes, cost, state and an ETA from the phase pace', () => {
    const rows = [...taskRows('t1', 5, 2, 1, { cost_usd: 0.25 }), ...taskRows('t2', 4, 4, 0, { arm: 'b' })];
    const s = summarizeRun({ rows, record, crashes: [], now: new Date('2025-01-01T00:10:00.000Z') });
    const p = progressFromSummary(s);
    expect(p.phases[0]).toMatchObject({ name: 'bench', state: 'running' });
    expect(p.phases[0]!.arms).toEqual([
      // each arm at its own pace: a 6 of 20 in 600 s, b 4 of 20
      { arm: 'a', total: 20, done: 6, passed: 2, failed: 3, errors: 1, cost_usd: 1.5, pass_rate: 0.4, eta_s: (14 * 600) / 6 },
      { arm: 'b', total: 20, done: 4, passed: 4, failed: 0, errors: 0, cost_usd: 0, pass_rate: 1, eta_s: (16 * 600) / 4 },
    ]);
    // 10 of 40 units in 600 s -> 30 remaining at 60 s/unit
    expect(p.phases[0]!.eta_s).toBeCloseTo(1800, 9);

    const html = renderProgressPage(s);
    expect(html).toContain('<meta http-equiv="refresh" content="5">');
    expect(html).toContain('6 / 20 (30.0%)');
    expect(html).toContain('ETA 30m 0s');
    expect(html).toContain('$1.50');
    expect(html).not.toMatch(/<(script|link)\b|src=|href=/);
  });

  it('shows pass rate so far and a per-category grid when rows carry categories (BBH subtasks)', () => {
    const rows = [
      ...taskRows('bbh/navigate/0', 1, 1, 0, { category: 'navigate' }),
      ...taskRows('bbh/navigate/1', 1, 0, 0, { category: 'navigate' }),
      ...taskRows('bbh/navigate/0', 1, 1, 0, { arm: 'b', category: 'navigate' }),
      ...taskRows('bbh/snarks/0', 1, 0, 1, { category: 'snarks' }),
    ];
    const s = summarizeRun({ rows, record, crashes: [], now: new Date('2025-01-01T00:10:00.000Z') });
    expect(progressFromSummary(s).phases[0]!.categories).toEqual([
      { category: 'navigate', arms: { a: { passed: 1, failed: 1, errors: 0 }, b: { passed: 1, failed: 0, errors: 0 } } },
      { category: 'snarks', arms: { a: { passed: 0, failed: 1, errors: 1 }, b: { passed: 0, failed: 0, errors: 0 } } },
    ]);
    const html = renderProgressPage(s);
    expect(html).toContain('<h3>Per category</h3>');
    expect(html).toContain('Pass rate so far');
    expect(html).toMatch(/<td>navigate<\/td><td>.*1\/2 \(50%\)/);
    expect(html).toContain('0/1 (0%) +1 err');
  });

  it('renders a progress query result and escapes every value', () => {
    const html = renderProgressPage({
      run_id: '<b>r</b>',
      state: 'running',
      updated_at: 'now',
      phases: [{ name: 'p', state: '"><script>x()</script>', arms: [{ arm: '<script>', total: null, done: 3, passed: 1, failed: 1, errors: 1, cost_usd: 0, eta_s: 65 }] }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>r</b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('3 / ?');
    expect(html).toContain('1m 5s');
  });

  it('has no ETA without a pace or a total', () => {
    expect(estimateEta(null, 0, 5, 10)).toBeNull();
    expect(estimateEta('2025-01-01T00:00:00.000Z', Date.parse('2025-01-01T00:01:00.000Z'), 0, 10)).toBeNull();
    expect(estimateEta('2025-01-01T00:00:00.000Z', Date.parse('2025-01-01T00:01:00.000Z'), 5, null)).toBeNull();
  });
});

describe('coalesce', () => {
  it('merges a burst of pokes into one immediate and one trailing run, never overlapping', async () => {
    let runs = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const c = coalesce(
      async () => {
        runs++;
        maxInFlight = Math.max(maxInFlight, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      },
      { minIntervalMs: 60_000 },
    );
    for (let i = 0; i < 1000; i++) c.poke();
    await c.flush();
    expect(runs).toBe(2);
    expect(maxInFlight).toBe(1);
    await c.flush(); // nothing poked since: no run
    expect(runs).toBe(2);
  });

  it('reports task failures to onError and keeps working', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const c = coalesce(
      async () => {
        runs++;
        if (runs === 1) throw new Error('disk full');
      },
      { minIntervalMs: 0, onError: (e) => errors.push(e) },
    );
    c.poke();
    await c.flush();
    c.poke();
    await c.flush();
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

describe('writing progress.html from the files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-progress-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writeProgressPage works on an empty directory', async () => {
    const file = await writeProgressPage(dir);
    expect(await fs.readFile(file, 'utf8')).toContain('Gauntlet: unknown run');
  });

  it('the progress writer ends with the page reflecting the last row', async () => {
    await writeJsonAtomic(path.join(dir, 'run.json'), record);
    const results = path.join(dir, 'results.jsonl');
    const writer = createProgressWriter(dir, { minIntervalMs: 60_000, onError: (e) => { throw e; } });
    for (let i = 0; i < 10; i++) {
      await appendRows(results, [row({ task_id: `t${i}`, status: 'passed' })]);
      writer.poke();
    }
    await writer.flush();
    const html = await fs.readFile(path.join(dir, 'progress.html'), 'utf8');
    expect(html).toContain('10 / 20 (50.0%)');
    expect((await fs.readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
