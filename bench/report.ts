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
import { writeReport } from '../report/write-report';
import { writeProgressPage } from '../progress/write-page';
import { passAtK } from '../report/pass-at-k';
import { writeSyntheticRun } from './lib/synthetic-run';

const ROWS = Number(process.argv[2] ?? 100_000);
const GOAL_S = 5;
const RUNS = 3;
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
    const { file, rows, mb } = await writeSyntheticRun(dir, ROWS);

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
