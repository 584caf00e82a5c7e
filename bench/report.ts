/**
 * Report generation at scale: 100,000 result rows -> report.md/json/html, end to end (read with the
 * tolerant reader, summarize, render, atomic writes). Goal: < 5 s. The naive baseline in the same
 * run (JSON.parse per line, then Array.filter per phase and arm, counts only, no validation) shows
 * what the single-pass summary buys. Run: npx tsx bench/report.ts [rows]
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ResultRow } from '../config/results';
import type { RunRecord } from '../config/run-record';
import { writeReport } from '../report/write-report';
import { writeProgressPage } from '../progress/write-page';
import { passAtK } from '../report/pass-at-k';

const ROWS = Number(process.argv[2] ?? 100_000);
const GOAL_S = 5;
const RUNS = 3;
const ARMS = ['claude', 'gpt', 'local'];
const SAMPLES = 10;
const ANSWER = 'def solution(xs):\n    return sorted(set(xs))\n'.repeat(12); // ~550 chars, like a real answer

/** Deterministic pseudo-random in [0, 100) from a few integers (no Math.random: reproducible figures). */
const hash = (...xs: number[]) => xs.reduce((h, x) => Math.imul(h ^ x, 2654435761) >>> 0, 2166136261) % 100;

/** A validate phase (reference arm, one sample per task) and a benchmark phase (3 arms x 10 samples). */
function syntheticRows(): ResultRow[] {
  const rows: ResultRow[] = [];
  const validateTasks = Math.max(1, Math.round(ROWS / 100));
  const benchTasks = Math.ceil((ROWS - validateTasks) / (ARMS.length * SAMPLES));
  const add = (phase: string, arm: string, task: number, sample: number, passPct: number) => {
    if (rows.length >= ROWS) return;
    const r = hash(task, sample, arm.length);
    const status = r < 5 ? 'error' : hash(task, sample, arm.length, 7) < passPct ? 'passed' : 'failed';
    rows.push({
      run_id: 'bench',
      phase,
      task_id: `HumanEval/${task}`,
      arm,
      sample,
      status,
      score: status === 'passed' ? 1 : status === 'failed' ? 0 : null,
      duration_ms: 100 + r * 13,
      tokens_in: 300 + r,
      tokens_out: 150 + r,
      cost_usd: 0.0012,
      reason: status === 'failed' ? ['assertion', 'timeout', 'no_code', 'syntax_error'][r % 4] : undefined,
      error_kind: status === 'error' ? 'api_5xx' : undefined,
      answer: ANSWER,
      answer_tail: ANSWER.slice(-200),
      stderr_tail: status === 'failed' ? 'AssertionError: expected [1, 2] got [2, 1]' : undefined,
      recorded_at: new Date(Date.UTC(2025, 0, 1) + rows.length * 250).toISOString(),
    });
  };
  for (let t = 0; t < validateTasks; t++) add('validate', 'reference', t, 0, 98);
  for (let t = 0; t < benchTasks; t++)
    for (const arm of ARMS) for (let s = 0; s < SAMPLES; s++) add('bench', arm, t, s, hash(t) * (arm === 'local' ? 0.5 : 1)); // per-task difficulty
  return rows;
}

/** The obvious implementation: parse everything, filter per phase and arm, group per task. */
async function naiveSummary(file: string) {
  const rows = (await fs.readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => {
      try {
        const o = JSON.parse(l);
        return 'meta' in o ? [] : [o as ResultRow];
      } catch {
        return [];
      }
    });
  const out: unknown[] = [];
  for (const phase of [...new Set(rows.map((r) => r.phase))])
    for (const arm of [...new Set(rows.map((r) => r.arm))]) {
      const mine = rows.filter((r) => r.phase === phase && r.arm === arm);
      const scored = mine.filter((r) => r.status !== 'error');
      const tasks = new Map<string, ResultRow[]>();
      for (const r of scored) tasks.set(r.task_id, [...(tasks.get(r.task_id) ?? []), r]);
      const at1 = [...tasks.values()].map((t) => passAtK(t.length, t.filter((r) => r.status === 'passed').length, 1));
      out.push({ phase, arm, passed: mine.filter((r) => r.status === 'passed').length, errors: mine.length - scored.length, at1: at1.reduce((a, b) => a + b, 0) / at1.length });
    }
  return out;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-bench-report-'));
  try {
    const rows = syntheticRows();
    const file = path.join(dir, 'results.jsonl');
    await fs.writeFile(file, [JSON.stringify({ meta: { run_id: 'bench', started_at: '2025-01-01T00:00:00Z', config: {} } }), ...rows.map((r) => JSON.stringify(r))].join('\n') + '\n');
    const record: RunRecord = {
      run_id: 'bench',
      workflow_id: 'wf-bench',
      output_dir: dir,
      config: {
        phases: [
          { name: 'validate', kind: 'validate', k: [1], arms: [{ name: 'reference' }] },
          { name: 'bench', kind: 'benchmark', k: [1, 5, 10], arms: ARMS.map((name) => ({ name })) },
        ],
      },
      state: 'completed',
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-02T00:00:00Z',
      ended_at: '2025-01-02T00:00:00Z',
      phases: [
        { name: 'validate', kind: 'validate', state: 'completed', attempts: 1, units_total: rows.filter((r) => r.phase === 'validate').length },
        { name: 'bench', kind: 'benchmark', state: 'completed', attempts: 1, units_total: rows.filter((r) => r.phase === 'bench').length },
      ],
      resume_events: [],
      waits: [],
    };
    await fs.writeFile(path.join(dir, 'run.json'), JSON.stringify(record));
    const mb = (await fs.stat(file)).size / 1e6;

    const report: number[] = [];
    const naive: number[] = [];
    const progress: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      report.push(await time(() => writeReport(dir)));
      naive.push(await time(() => naiveSummary(file)));
      progress.push(await time(() => writeProgressPage(dir)));
    }
    const r = median(report);
    const n = median(naive);
    console.log(`report bench: ${rows.length.toLocaleString('en-US')} rows, results.jsonl ${mb.toFixed(1)} MB, median of ${RUNS} runs`);
    console.log(`  writeReport (read + validate + collapse + summarize + md/json/html): ${r.toFixed(2)} s   goal < ${GOAL_S} s  ${r < GOAL_S ? 'OK' : 'MISSED'}`);
    console.log(`  writeProgressPage (same read + summarize, one page): ${median(progress).toFixed(2)} s  (the progress writer spaces rewrites by >= 4x this)`);
    console.log(`  naive baseline (JSON.parse + filter per phase/arm, no validation, no files): ${n.toFixed(2)} s`);
  } finally {
    if (!process.env.KEEP) await fs.rm(dir, { recursive: true, force: true }); else console.log(dir);
  }
}

await main();
