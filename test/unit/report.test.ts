import { summarizeMutation } from '../../report/mutation';
import type { TaskMutation } from '../../hardening/mutate';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CrashEvent, RunRecord } from '../../config/run-record';
import { summarizeRun } from '../../report/summarize';
import { writeReport } from '../../report/write-report';
import { renderMarkdown } from '../../report/render-md';
import { renderHtml } from '../../report/render-html';
import type { RunSummary } from '../../report/types';
import { row, taskRows } from './report-fixtures';

const config = {
  phases: [
    { name: 'validate', kind: 'validate', k: [1], arms: [{ name: 'reference' }] },
    { name: 'bench', kind: 'benchmark', k: [1, 5], arms: [{ name: 'a' }, { name: 'b' }] },
  ],
  retry: { phase_max_attempts: 3 },
};

/** A run that went through a lot: crashes, a 3-strike failure, a retried phase, waits, a resume. */
function record(over: Partial<RunRecord> = {}): RunRecord {
  return {
    run_id: 'r1',
    workflow_id: 'wf-r1',
    output_dir: '/tmp/r1',
    config,
    state: 'failed',
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T02:00:00.000Z',
    ended_at: '2025-01-01T02:30:00.000Z',
    phases: [
      { name: 'validate', kind: 'validate', state: 'completed', attempts: 2, units_total: 3 },
      { name: 'bench', kind: 'benchmark', state: 'failed', attempts: 3, units_total: 40, message: 'error rate 80% > 50%' },
      { name: 'mutate', kind: 'mutation', state: 'exhausted', attempts: 1 },
    ],
    resume_events: [{ resumed: true, resumed_at: '2025-01-01T01:00:00.000Z', tasks_skipped: 12, tasks_remaining: 28, previous_crash_exit_code: 137 }],
    waits: [
      { phase: 'bench', provider: 'anthropic', failure_class: 'exhausted', started_at: '2025-01-01T00:10:00.000Z', wait_s: 600 },
      { phase: 'bench', provider: 'anthropic', failure_class: 'exhausted', started_at: '2025-01-01T00:30:00.000Z', wait_s: 1200 },
      { phase: 'bench', provider: 'openai', failure_class: 'rate_limited', started_at: '2025-01-01T00:40:00.000Z', wait_s: 30 },
    ],
    ...over,
  };
}

const crash = (phase: string, attempt: number): CrashEvent => ({
  timestamp: '2025-01-01T00:50:00.000Z',
  phase,
  attempt,
  exit_code: 137,
  duration_seconds: 42,
  stderr_tail: 'Killed',
  tasks_completed_before_crash: 5,
  tasks_remaining: 35,
});

const NOW = new Date('2025-01-01T03:00:00.000Z');

describe('summarizeRun: per phase and arm', () => {
  const rows = [
    ...taskRows('t1', 10, 3, 2), // 10 scored, 3 passed, 2 errors that must not count
    ...taskRows('t2', 4, 4), // only 4 scored samples: in pass@1, not in pass@5
    ...taskRows('t3', 10, 0, 0, { arm: 'b', cost_usd: 0.5, tokens_in: 100, tokens_out: 20, reason: 'timeout' }),
    row({ phase: 'validate', arm: 'canonical', task_id: 'v1', status: 'passed' }),
    row({ phase: 'validate', arm: 'canonical', task_id: 'v2', status: 'failed', reason: 'syntax_error' }),
  ];
  const s = summarizeRun({ rows, record: record(), crashes: [], now: NOW });
  const bench = s.phases.find((p) => p.name === 'bench')!;
  const armA = bench.arms.find((a) => a.arm === 'a')!;
  const armB = bench.arms.find((a) => a.arm === 'b')!;

  it('counts outcomes separately and excludes error rows from pass@k', () => {
    expect(armA).toMatchObject({ done: 16, passed: 7, failed: 7, errors: 2, units_total: 20 });
    expect(armA.pass_rate).toBeCloseTo(7 / 14, 12);
    const [at1, at5] = armA.pass_at_k;
    expect(at1).toMatchObject({ k: 1, tasks: 2, tasks_excluded: 0 });
    expect(at1!.value).toBeCloseTo((0.3 + 1) / 2, 12);
    expect(at5).toMatchObject({ k: 5, tasks: 1, tasks_excluded: 1 });
    expect(at5!.value).toBeCloseTo(1 - 21 / 252, 12);
    expect(armA.error_kinds).toEqual({ api_5xx: 2 });
    expect(armA.error_tasks).toEqual(['t1']);
    expect(armA.failure_reasons).toEqual({ assertion: 7 });
  });

  it('sums tokens and cost, and keeps failure reasons per arm', () => {
    expect(armB).toMatchObject({ done: 10, passed: 0, failed: 10, errors: 0, tokens_in: 1000, tokens_out: 200, failure_reasons: { timeout: 10 } });
    expect(armB.cost_usd).toBeCloseTo(5, 9);
    expect(armB.pass_at_k[0]!.value).toBe(0);
    expect(s.totals).toMatchObject({ done: 28, passed: 8, failed: 18, errors: 2, tokens_in: 1000 });
  });

  it('treats validate phases generically and keeps phases without rows', () => {
    const v = s.phases.find((p) => p.name === 'validate')!;
    expect(v.kind).toBe('validate');
    expect(v.arms[0]).toMatchObject({ arm: 'canonical', passed: 1, failed: 1, units_total: 3, failure_reasons: { syntax_error: 1 } });
    expect(v.arms[0]!.pass_at_k[0]!.value).toBeCloseTo(0.5, 12);
    expect(s.phases.map((p) => p.name)).toEqual(['validate', 'bench', 'mutate']);
    expect(s.phases.find((p) => p.name === 'mutate')).toMatchObject({ state: 'exhausted', arms: [] });
  });
});

describe('summarizeRun: per category', () => {
  const rows = [
    ...taskRows('A1', 4, 3, 1, { category: 'ALGO' }),
    ...taskRows('D1', 2, 0, 0, { category: 'DATA' }),
    ...taskRows('A1', 4, 1, 0, { arm: 'b', category: 'ALGO' }),
    ...taskRows('x', 1, 1), // rows without a category are in the arm totals only
  ];
  const s = summarizeRun({ rows, record: record(), crashes: [], now: NOW });
  const bench = s.phases.find((p) => p.name === 'bench')!;

  it('breaks each arm down by the rows\' category, errors apart, with a Wilson interval', () => {
    expect(bench.categories.map((c) => c.category)).toEqual(['ALGO', 'DATA']);
    const algo = bench.categories[0]!;
    expect(algo.arms.a).toMatchObject({ passed: 3, failed: 1, errors: 1, pass_rate: 0.75 });
    expect(algo.arms.a!.ci![0]).toBeCloseTo(0.3006, 3);
    expect(algo.arms.a!.ci![1]).toBeCloseTo(0.9544, 3);
    expect(algo.arms.b).toMatchObject({ passed: 1, failed: 3, pass_rate: 0.25 });
    expect(bench.categories[1]!.arms.b).toMatchObject({ passed: 0, failed: 0, pass_rate: null, ci: null });
    expect(s.phases.find((p) => p.name === 'validate')!.categories).toEqual([]);
  });

  it('renders the table in Markdown and HTML', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-report-cat-'));
    try {
      await fs.writeFile(path.join(dir, 'results.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
      await writeReport(dir);
      const md = await fs.readFile(path.join(dir, 'report.md'), 'utf8');
      expect(md).toContain('### Per category');
      // Markdown escapes the brackets.
      expect(md).toContain('| ALGO | 75.0% \\[30.1%–95.4%\\] (3/4) +1 errors | 25.0% \\[4.6%–69.9%\\] (1/4) | p = 1.0000 (0/0) |');
      const html = await fs.readFile(path.join(dir, 'report.html'), 'utf8');
      expect(html).toContain('<h3>Per category</h3>');
      expect(html).toContain('DATA');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('summarizeRun: Run Health', () => {
  const s = summarizeRun({ rows: [], record: record(), crashes: [crash('bench', 1), crash('bench', 2), crash('validate', 1)], now: NOW });

  it('reports crashes, retries, strikes, waits, wall-clock, resumes and phase states', () => {
    const h = s.health;
    expect(h.crashes.total).toBe(3);
    expect(h.crashes.by_phase).toEqual({ bench: 2, validate: 1 });
    expect(h.retried_phases).toEqual([
      { name: 'validate', attempts: 2, state: 'completed' },
      { name: 'bench', attempts: 3, state: 'failed' },
    ]);
    expect(h.strike_limit_phases).toEqual([{ name: 'bench', attempts: 3, message: 'error rate 80% > 50%' }]);
    expect(h.waits).toEqual({ exhausted: { count: 2, total_s: 1800 }, rate_limited: { count: 1, total_s: 30 }, total_s: 1830 });
    expect(h.wall_clock_s).toBe(9000); // created_at -> ended_at, not updated_at
    expect(h.resume_events).toEqual([{ resumed_at: '2025-01-01T01:00:00.000Z', tasks_skipped: 12, tasks_remaining: 28, previous_crash_exit_code: 137 }]);
    expect(h.phase_states).toEqual({ completed: 1, failed: 1, exhausted: 1 });
    expect(s.partial).toBe(false);
  });

  it('uses updated_at for the wall-clock of an unfinished run, and marks it partial', () => {
    const r = record({ state: 'cancelled', ended_at: undefined });
    r.phases[2]!.state = 'cancelled';
    const p = summarizeRun({ rows: [], record: r, crashes: [], now: NOW });
    expect(p.health.wall_clock_s).toBe(7200);
    expect(p.partial).toBe(true);
    expect(p.partial_reason).toMatch(/cancelled/);
  });
});

describe('writeReport', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-report-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function writeRunFiles(rows: object[], rec: RunRecord | null, crashes: CrashEvent[] | null, tail = '') {
    const lines = [JSON.stringify({ meta: { run_id: 'r1', started_at: '2025-01-01T00:00:00.000Z', config } }), ...rows.map((r) => JSON.stringify(r))];
    await fs.writeFile(path.join(dir, 'results.jsonl'), lines.join('\n') + '\n' + tail);
    if (rec) await fs.writeFile(path.join(dir, 'run.json'), JSON.stringify(rec));
    if (crashes) await fs.writeFile(path.join(dir, 'crash_log.json'), JSON.stringify(crashes));
  }

  it('writes md, json and html from files with a torn last line', async () => {
    await writeRunFiles([...taskRows('t1', 10, 3), ...taskRows('t2', 10, 10)], record(), [crash('bench', 1)], '{"run_id":"r1","phase":"be');
    const { paths, summary } = await writeReport(dir, { now: NOW });

    expect(Object.keys(paths).sort()).toEqual(['html', 'json', 'md']);
    const json = JSON.parse(await fs.readFile(paths.json!, 'utf8')) as RunSummary;
    expect(json).toEqual(summary);
    expect(summary.inputs).toEqual({ rows: 20, skipped_lines: 1, duplicates: 0 });
    expect(summary.warnings.join('\n')).toMatch(/1 line\(s\) were not valid rows/);
    const a = summary.phases.find((p) => p.name === 'bench')!.arms.find((x) => x.arm === 'a')!;
    expect(a.pass_at_k[1]!.value).toBeCloseTo((1 - 21 / 252 + 1) / 2, 12);

    const md = await fs.readFile(paths.md!, 'utf8');
    expect(md).toContain('## Run Health');
    expect(md).toContain('- Crashes: 1 (bench 1)');
    expect(md).toContain('- Phases that hit the 3-strike limit: bench (3 attempts: error rate 80% \\> 50%)');
    expect(md).toContain('- Usage-exhaustion waits: 2 (30m 0s) · rate-limit waits: 1 (30s)');
    expect(md).toContain('- Wall-clock time (including retries and waits): 2h 30m 0s');
    expect(md).not.toContain('PARTIAL REPORT');
    const html = await fs.readFile(paths.html!, 'utf8');
    expect(html).toContain('<h2>Run Health</h2>');
    expect(html).not.toMatch(/<(script|link)\b|src=|href=/); // self-contained
  });

  it('writes a report when run.json, crash_log.json and results.jsonl are all missing', async () => {
    const { summary, paths } = await writeReport(dir, { formats: ['md'], now: NOW });
    expect(Object.keys(paths)).toEqual(['md']);
    expect(summary).toMatchObject({ run_id: null, phases: [], totals: { done: 0 }, health: { crashes: { total: 0 }, wall_clock_s: null } });
    await expect(fs.access(path.join(dir, 'report.html'))).rejects.toThrow();
  });

  it('turns a damaged run.json and crash entries into warnings, not exceptions', async () => {
    await writeRunFiles(taskRows('t1', 1, 1), null, null);
    await fs.writeFile(path.join(dir, 'run.json'), '{"run_id": 5}');
    await fs.writeFile(path.join(dir, 'crash_log.json'), JSON.stringify([crash('bench', 1), { phase: 'x' }]));
    const { summary } = await writeReport(dir, { formats: ['json'], now: NOW });
    expect(summary.health.crashes.total).toBe(1);
    expect(summary.warnings.some((w) => w.startsWith('invalid run.json'))).toBe(true);
    expect(summary.warnings.some((w) => w.includes('crash_log.json[1]'))).toBe(true);
    // k values come from the results.jsonl meta config when run.json is unusable
    expect(summary.phases.find((p) => p.name === 'bench')!.k).toEqual([1, 5]);
  });

  it('puts a partial-report banner on a cancelled run', async () => {
    await writeRunFiles(taskRows('t1', 2, 1), record({ state: 'cancelled' }), []);
    const { paths, summary } = await writeReport(dir, { now: NOW });
    expect(summary.partial).toBe(true);
    expect(await fs.readFile(paths.md!, 'utf8')).toContain('> **PARTIAL REPORT**: the run was cancelled');
    expect(await fs.readFile(paths.html!, 'utf8')).toContain('<p class="banner">PARTIAL REPORT: the run was cancelled');
  });

  it('escapes a hostile task id in HTML and Markdown', async () => {
    const evil = '<script>alert("x")</script>|`';
    await writeRunFiles([row({ task_id: evil, status: 'error', error_kind: '<img src=x onerror=alert(1)>' })], record(), []);
    const { paths } = await writeReport(dir, { now: NOW });
    const html = await fs.readFile(paths.html!, 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    const md = await fs.readFile(paths.md!, 'utf8');
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>\\|\\`');
    expect(md).not.toContain('<script>');
  });
});

describe('mutation phases in the report', () => {
  const cfg = { phases: [{ name: 'mut', kind: 'mutation', k: [1], arms: [] }] };
  const rows = [
    row({ phase: 'mut', arm: 'canonical', task_id: 'a', status: 'passed', score: 1 }),
    row({ phase: 'mut', arm: 'canonical', task_id: 'b', status: 'failed', score: 0.5, reason: '1 mutant(s) survived' }),
  ];
  const mutant = (id: string, operator: string, status: string, line: number) => ({
    id,
    operator,
    status,
    description: `${operator} at ${line}`,
    start: { line, column: 4 },
    end: { line, column: 9 },
    original: 'x < y',
    replacement: 'x >= y',
    mutated_line: '    return x >= y',
  });
  const tasks = [
    { task_id: 'a', status: 'tested', source: '', canonical_ms: 1, timeout_ms: 10, metrics: {}, mutants: [mutant('a:1', 'return-none', 'Killed', 2), mutant('a:2', 'comparison-swap', 'Killed', 3)] },
    { task_id: 'b', status: 'tested', source: '', canonical_ms: 1, timeout_ms: 10, metrics: {}, mutants: [mutant('b:1', 'return-none', 'Timeout', 2), mutant('b:2', 'comparison-swap', 'Survived', 5)] },
  ] as unknown as TaskMutation[];

  it('without per-task results: the mean mutation score, and no pass@k table', async () => {
    const s = summarizeRun({ rows, record: null, crashes: [], config: cfg, now: NOW });
    const arm = s.phases[0]!.arms.find((a) => a.arm === 'canonical')!;
    expect(arm.mean_score).toBeCloseTo(0.75, 12);
    const md = renderMarkdown(s);
    expect(md).toMatch(/Mutation score \(mean over tasks\): 75\.0%/);
    expect(md).not.toContain('pass@1');
  });

  it('with per-task results: the score over mutants, per operator and the survivors; html links them when asked', async () => {
    const mutation = { mut: summarizeMutation(tasks) };
    expect(mutation.mut).toMatchObject({ mutants: 4, valid: 4, detected: 3, survived: 1, score: 0.75 });
    expect(mutation.mut.by_operator.map((o) => [o.operator, o.score])).toEqual([['comparison-swap', 0.5], ['return-none', 1]]);
    const s = summarizeRun({ rows, record: null, crashes: [], config: cfg, now: NOW, mutation });
    const md = renderMarkdown(s);
    expect(md).toContain('Mutation score 75.0% (3 of 4 valid mutants detected');
    expect(md).toMatch(/\| comparison-swap \| 2 \| 1 \| 1 \| 50\.0% \|/);
    expect(md).toContain('| b | 5 | comparison-swap | `x < y` | `return x >= y` |');
    expect(md).not.toContain('pass@1');
    const html = renderHtml(s, { failedTaskHref: (phase, arm, id) => `/runs/r/task?phase=${phase}&arm=${arm}&task=${id}` });
    expect(html).toContain('<a href="/runs/r/task?phase=mut&amp;arm=canonical&amp;task=b">b</a>');
    expect(renderHtml(s)).not.toContain('<a href');
  });
});
