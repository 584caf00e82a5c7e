/**
 * Orchestration overhead: N `reference` units through Gauntlet (dev server + one worker process,
 * a benchmark phase on HumanEval, concurrency C) vs the same sandbox executions in a bare loop
 * (createSandbox, C in flight). Goal: Gauntlet wall <= 1.3x the bare loop.
 *
 *   npx tsx bench/orchestration.ts [--units 2000] [--concurrency 8] [--quick]
 */
import { parseArgs } from 'node:util';
import { canonicalProgram } from '../config/task';
import { buildTestProgram, createSandbox } from '../sandbox';
import { loadSuite } from '../eval/suites';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { formatTimeline, runTimeline } from './lib/run-timeline';
import { machine, saveFigures } from './lib/figures';
import { killAllStarted } from './lib/procs';
import { cpuSince, treeCpuS } from './lib/proc-stats';
import { fmt, table } from './lib/table';
import { benchConfig, HUMANEVAL, splitUnits } from './lib/units';

const { values: a } = parseArgs({ options: { units: { type: 'string' }, concurrency: { type: 'string', default: '8' }, quick: { type: 'boolean', default: false } } });
const units = Number(a.units ?? (a.quick ? 400 : 2000));
const concurrency = Number(a.concurrency);
const GOAL = 1.3;
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

/** The bare loop: the same programs, C at a time, through one sandbox (its own limiter as in a worker). */
async function bareLoop(): Promise<{ wallS: number; passed: number; cpuS: Record<string, number> }> {
  const { tasks, samples } = splitUnits(units);
  const suite = (await loadSuite({ name: 'humaneval', data: HUMANEVAL })).tasks.slice(0, tasks);
  const programs = suite.flatMap((t) => Array.from({ length: samples }, () => buildTestProgram(t, canonicalProgram(t))));
  const sb = createSandbox();
  await sb.info!(); // warm, like a worker that has run a unit
  let next = 0;
  let passed = 0;
  const cpu0 = treeCpuS(process.pid);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < programs.length) {
        const p = programs[next++]!;
        if ((await sb.run({ program: p, timeoutMs: 30_000 })).status === 'passed') passed++;
      }
    }),
  );
  const wallS = (performance.now() - t0) / 1000;
  const cpuS = cpuSince(cpu0, treeCpuS(process.pid));
  await sb.close();
  return { wallS, passed, cpuS };
}

console.log(`orchestration bench: ${units} reference units, concurrency ${concurrency}; machine ${JSON.stringify(machine())} (shared with other work: figures vary)`);
const bare = await bareLoop();
console.log(`bare loop: ${fmt(bare.wallS, 2)} s (${bare.passed}/${units} passed); CPU s ${JSON.stringify(bare.cpuS)}`);

const env = await Env.start({ prefix: 'gauntlet-bench-orch-' });
let ok = false;
try {
  const r = await measuredRun(env, { name: 'orch', config: benchConfig({ runId: 'orch', outDir: env.outDir('orch'), units, concurrency }),
    warmup: benchConfig({ runId: 'orch-warmup', outDir: env.outDir('orch-warmup'), units: 8, concurrency }),
    timeoutMs: 3_600_000 });
  const ratio = r.wallS / bare.wallS;
  const counts = r.outcome.phases[0];
  console.log('');
  console.log(
    table(
      ['figure', 'measured', 'baseline', 'goal'],
      [
        ['units', units, units, ''],
        ['wall s (run start → completed)', fmt(r.wallS, 2), fmt(bare.wallS, 2), ''],
        ['units/s', fmt(units / r.wallS), fmt(units / bare.wallS), ''],
        ['Gauntlet / bare loop', `${fmt(ratio, 2)}x`, '1.00x', `≤ ${GOAL}x`],
        ['worker boot s (not timed)', fmt(r.workerStartS), '', ''],
        ['worker peak RSS MB', fmt(r.workerPeakRssMb, 0), '', ''],
        ['phase state', counts?.state ?? '?', '', 'completed'],
      ],
    ),
  );
  console.log(`\nCPU s during the run: worker tree ${JSON.stringify(r.cpuS.worker)}, dev server ${JSON.stringify(r.cpuS.server)}`);
  console.log('\nwhere the run\'s time went (server timestamps from its histories):');
  console.log(formatTimeline(await runTimeline(env.client, 'orch')));
  saveFigures('orchestration', { units, concurrency, gauntlet_wall_s: r.wallS, bare_wall_s: bare.wallS, ratio, goal_ratio: GOAL, worker_boot_s: r.workerStartS, worker_peak_rss_mb: r.workerPeakRssMb, state: r.outcome.state });
  ok = true;
} finally {
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
