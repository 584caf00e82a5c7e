/**
 * LLM-path throughput: the simulated API answering after 1 s, 64 units in flight (arm
 * max_concurrency 64, phase concurrency 64, worker max concurrent activities 80). Ideal: 64
 * units/s; goal >= 90% of it (issue 10). The headline uses `nocode` answers (scored without the sandbox,
 * so the figure is the model-call path, not Python on 2 cores); a second run with canonical
 * answers (sandbox included) is printed for context unless --quick.
 *
 *   npx tsx bench/llm-throughput.ts [--units 640] [--quick]
 */
import { parseArgs } from 'node:util';
import { startMockApi } from '../devtools/mock-api';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { formatTimeline, runTimeline } from './lib/run-timeline';
import { machine, saveFigures } from './lib/figures';
import { killAllStarted } from './lib/procs';
import { fmt, table } from './lib/table';
import { benchConfig, HUMANEVAL } from './lib/units';

const { values: a } = parseArgs({ options: { units: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const units = Number(a.units ?? (a.quick ? 320 : 640));
const CONC = 64;
const LATENCY_MS = 1000;
const IDEAL = CONC / (LATENCY_MS / 1000);
const GOAL = 0.9;
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

console.log(`llm-throughput bench: ${units} mock units, latency ${LATENCY_MS} ms, concurrency ${CONC}; machine ${JSON.stringify(machine())} (shared with other work)`);
const env = await Env.start({ prefix: 'gauntlet-bench-llm-' });
const rows: (string | number)[][] = [];
const figures: Record<string, unknown> = { units, concurrency: CONC, latency_ms: LATENCY_MS, ideal_units_per_s: IDEAL, goal_fraction: GOAL };
let ok = false;
try {
  for (const answers of a.quick ? ['nocode'] : ['nocode', 'canonical']) {
    const api = await startMockApi({ suite: 'humaneval', data: HUMANEVAL, latencyMs: LATENCY_MS, answers });
    try {
      const name = `llm-${answers}`;
      const arms = [{ name: 'mock', model: 'mock', base_url: api.url, max_concurrency: CONC }];
      let callsBefore = 0;
      const r = await measuredRun(env, {
        name,
        maxConcurrent: 80,
        config: benchConfig({ runId: name, outDir: env.outDir(name), units, concurrency: CONC, arms }),
        warmup: benchConfig({ runId: `${name}-warmup`, outDir: env.outDir(`${name}-warmup`), units: 8, concurrency: 8, arms }),
        beforeTimed: () => void (callsBefore = api.stats().total),
        timeoutMs: 1_800_000,
      });
      const rate = units / r.wallS;
      console.log(`${name}: ${fmt(r.wallS, 2)} s; CPU s: worker tree ${JSON.stringify(r.cpuS.worker)}, dev server ${JSON.stringify(r.cpuS.server)}; where the time went:`);
      console.log(formatTimeline(await runTimeline(env.client, name)));
      const s = api.stats();
      s.total -= callsBefore; // the warm-up's calls
      rows.push([answers === 'nocode' ? 'nocode (model path only)' : 'canonical (+ sandbox)', fmt(r.wallS, 1), fmt(rate), `${fmt((100 * rate) / IDEAL, 0)}%`, s.total, s.rate_limited + s.faults['429'], fmt(r.workerPeakRssMb, 0)]);
      figures[answers] = { wall_s: r.wallS, units_per_s: rate, fraction_of_ideal: rate / IDEAL, api_calls: s.total, worker_peak_rss_mb: r.workerPeakRssMb, state: r.outcome.state };
    } finally {
      await api.close();
    }
  }
  console.log('');
  console.log(table(['answers', 'wall s', 'units/s', `of ideal ${IDEAL}/s (goal ≥ ${GOAL * 100}%)`, 'API calls', '429s', 'worker RSS MB'], rows));
  saveFigures('llm-throughput', figures);
  ok = true;
} finally {
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
