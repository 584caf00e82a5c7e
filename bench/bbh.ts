/**
 * BBH sweep throughput: 27 subtasks x N examples x 2 arms (cot-fewshot, direct) against the
 * simulated API answering after 500 ms, 64 units in flight. Ideal: concurrency / latency =
 * 128 units/s, from the same run's parameters; worker peak RSS beside it.
 *
 *   npx tsx bench/bbh.ts [--n 100] [--quick]     (--quick: n 20, 1,080 units)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startMockApi } from '../devtools/mock-api';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { machine, saveFigures } from './lib/figures';
import { killAllStarted, ROOT } from './lib/procs';
import { fmt, table } from './lib/table';

const { values: a } = parseArgs({ options: { n: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const N = Number(a.n ?? (a.quick ? 20 : 100));
const CONC = 64;
const LATENCY_MS = 500;
const IDEAL = CONC / (LATENCY_MS / 1000);
const BBH = path.resolve(ROOT, '../shared/datasets/bbh');
const units = 27 * N * 2;
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

console.log(`bbh bench: 27 x ${N} x 2 = ${units} units, latency ${LATENCY_MS} ms, concurrency ${CONC}; machine ${JSON.stringify(machine())} (shared with other work)`);
const env = await Env.start({ prefix: 'gauntlet-bench-bbh-' });
const api = await startMockApi({ suite: 'bbh', data: BBH, latencyMs: LATENCY_MS, answers: 'rate:0.6' });
let ok = false;
try {
  const arm = (name: string, solver: string) => ({ name, model: 'mock', solver, base_url: api.url, max_concurrency: CONC });
  const r = await measuredRun(env, {
    name: 'bbh-sweep',
    maxConcurrent: 80,
    config: {
      run_id: 'bbh-sweep',
      output_dir: env.outDir('bbh-sweep'),
      cache: false,
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'bbh', data: BBH, options: { n_per_subtask: N } }, arms: [arm('cot', 'cot-fewshot'), arm('direct', 'direct')], concurrency: CONC }],
    },
    timeoutMs: 3_600_000,
  });
  const rate = units / r.wallS;
  const s = api.stats();
  console.log('');
  console.log(
    table(
      ['units', 'wall s', 'units/s', `ideal ${IDEAL}/s (${CONC} / ${LATENCY_MS} ms)`, 'of ideal', 'API calls', 'worker peak RSS MB', 'state'],
      [[units, fmt(r.wallS, 1), fmt(rate), IDEAL, `${fmt((100 * rate) / IDEAL, 0)}%`, s.total, fmt(r.workerPeakRssMb, 0), r.outcome.state]],
    ),
  );
  saveFigures('bbh', { units, n_per_subtask: N, concurrency: CONC, latency_ms: LATENCY_MS, ideal_units_per_s: IDEAL, wall_s: r.wallS, units_per_s: rate, fraction_of_ideal: rate / IDEAL, api_calls: s.total, worker_peak_rss_mb: r.workerPeakRssMb, state: r.outcome.state });
  ok = r.outcome.state === 'completed';
} finally {
  await api.close();
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
