/**
 * Scale: a 20,000-unit reference phase on one worker. Prints wall time, the worker's peak RSS
 * (VmHWM; goal < 400 MB) and the history length of every workflow execution in the phase's
 * continue-as-new chain (hard limit 51,200 events; Gauntlet continues-as-new long before).
 *
 *   npx tsx bench/scale.ts [--units 20000] [--concurrency 16] [--quick]
 */
import { parseArgs } from 'node:util';
import { Env } from './lib/env';
import { historyLengths, measuredRun } from './lib/gauntlet-run';
import { saveFigures, machine } from './lib/figures';
import { killAllStarted } from './lib/procs';
import { rowCount } from './lib/run';
import { fmt, table } from './lib/table';
import { benchConfig } from './lib/units';

const { values: a } = parseArgs({ options: { units: { type: 'string' }, concurrency: { type: 'string', default: '16' }, quick: { type: 'boolean', default: false } } });
const units = Number(a.units ?? (a.quick ? 2000 : 20_000));
const concurrency = Number(a.concurrency);
const RSS_GOAL_MB = 400;
const HISTORY_LIMIT = 51_200;
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

console.log(`scale bench: ${units} reference units, concurrency ${concurrency}; machine ${JSON.stringify(machine())} (shared with other work)`);
const env = await Env.start({ prefix: 'gauntlet-bench-scale-' });
let ok = false;
try {
  const out = env.outDir('scale');
  let lastPrint = Date.now();
  const t0 = Date.now();
  const r = await measuredRun(env, {
    name: 'scale',
    config: benchConfig({ runId: 'scale', outDir: out, units, concurrency }),
    timeoutMs: 4 * 3_600_000,
    onTick: () => {
      if (Date.now() - lastPrint < 30_000) return;
      lastPrint = Date.now();
      const n = rowCount(out);
      console.log(`  … ${n}/${units} rows after ${fmt((Date.now() - t0) / 1000, 0)} s`);
    },
  });
  const chain = await historyLengths(env, 'scale/bench/attempt-1');
  const parent = await historyLengths(env, 'scale');
  const maxEvents = Math.max(...chain.map((c) => c.events), ...parent.map((c) => c.events));
  console.log('');
  console.log(
    table(
      ['figure', 'measured', 'goal / limit'],
      [
        ['units', units, ''],
        ['phase state', r.outcome.phases[0]?.state ?? '?', 'completed'],
        ['wall s', fmt(r.wallS, 1), ''],
        ['units/s', fmt(units / r.wallS), ''],
        ['worker peak RSS MB (VmHWM)', fmt(r.workerPeakRssMb, 0), `< ${RSS_GOAL_MB}`],
        ['phase executions (continue-as-new chain)', chain.length, ''],
        ['history events per phase execution', chain.map((c) => c.events).join(', '), `≪ ${HISTORY_LIMIT}`],
        ['history events of the parent run', parent.map((c) => c.events).join(', '), `≪ ${HISTORY_LIMIT}`],
        ['max events in any execution', maxEvents, `≪ ${HISTORY_LIMIT}`],
      ],
    ),
  );
  saveFigures('scale', {
    units,
    concurrency,
    wall_s: r.wallS,
    units_per_s: units / r.wallS,
    worker_peak_rss_mb: r.workerPeakRssMb,
    rss_goal_mb: RSS_GOAL_MB,
    phase_history_events: chain.map((c) => c.events),
    parent_history_events: parent.map((c) => c.events),
    history_limit: HISTORY_LIMIT,
    state: r.outcome.state,
  });
  ok = true;
} finally {
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
