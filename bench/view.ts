/**
 * gauntlet view at scale: a 100,000-row run (the same synthetic run as bench/report.ts). Goals:
 * the run page opens in < 2 s on first open (index built from the file) and a samples page
 * (filtered, paged on the server) answers in < 200 ms. Measured over real HTTP against the
 * started server, beside the static report's render time from the same run.
 * Run: npx tsx bench/view.ts [rows]
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeReport } from '../report/write-report';
import { startViewServer } from '../view/server';
import { saveFigures } from './lib/figures';
import { writeSyntheticRun } from './lib/synthetic-run';

const ROWS = Number(process.argv[2] ?? 100_000);
const RUN_GOAL_MS = 2000;
const PAGE_GOAL_MS = 200;
const REPEATS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(url: string): Promise<number> {
  const t0 = performance.now();
  const r = await fetch(url);
  await r.text();
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return performance.now() - t0;
}

async function main() {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-bench-view-'));
  const dir = path.join(root, 'bench');
  await fs.mkdir(dir);
  try {
    const { mb, rows } = await writeSyntheticRun(dir, ROWS);
    const reportS: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await writeReport(dir);
      reportS.push((performance.now() - t0) / 1000);
    }
    const server = await startViewServer({ runsRoot: root, port: 0, temporal: null });
    try {
      const base = `${server.url}/runs/bench`;
      const firstOpen = await timed(base); // builds the index
      const runPage: number[] = [];
      for (let i = 0; i < REPEATS; i++) runPage.push(await timed(base));
      const pages: Record<string, string> = {
        'samples page 1': '/samples',
        'samples status=failed, page 40': '/samples?status=failed&page=40',
        'samples arm+reason+task text': '/samples?arm=gpt&reason=timeout&q=HumanEval/12',
        'last samples page': `/samples?page=${Math.ceil(rows.length / 50)}`,
        'one sample (re-read by byte offset)': '/sample?phase=bench&task=HumanEval/500&arm=gpt&sample=3',
      };
      const pageMs: Record<string, number> = {};
      for (const [name, q] of Object.entries(pages)) {
        const xs: number[] = [];
        for (let i = 0; i < REPEATS; i++) xs.push(await timed(base + q));
        pageMs[name] = median(xs);
      }
      const worstPage = Math.max(...Object.values(pageMs));
      console.log(`view bench: ${rows.length.toLocaleString('en-US')} rows, results.jsonl ${mb.toFixed(1)} MB; medians of ${REPEATS}`);
      console.log(`  run page, first open (index built from the file): ${firstOpen.toFixed(0)} ms   goal < ${RUN_GOAL_MS} ms  ${firstOpen < RUN_GOAL_MS ? 'OK' : 'MISSED'}`);
      console.log(`  run page, opened again (index current, summary cached): ${median(runPage).toFixed(0)} ms`);
      for (const [name, ms] of Object.entries(pageMs)) console.log(`  ${name}: ${ms.toFixed(1)} ms   goal < ${PAGE_GOAL_MS} ms  ${ms < PAGE_GOAL_MS ? 'OK' : 'MISSED'}`);
      console.log(`  baseline, same run: static report (writeReport: read + summarize + md/json/html): ${(median(reportS) * 1000).toFixed(0)} ms`);
      saveFigures('view', { rows: rows.length, mb, run_page_first_ms: firstOpen, run_page_again_ms: median(runPage), pages_ms: pageMs, worst_page_ms: worstPage, report_ms: median(reportS) * 1000 });
    } finally {
      await server.close();
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

await main();
