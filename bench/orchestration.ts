/**
 * Orchestration overhead: N `reference` units through Gauntlet (dev server + one worker process,
 * a benchmark phase on HumanEval, concurrency C) vs the same sandbox executions in a bare loop
 * (createSandbox, C in flight). Goal: Gauntlet wall <= 1.3x the bare loop.
 *
 * Each of R rounds runs the bare loop and then the Gauntlet run on the same warm worker, back to
 * back; the verdict is the median of the rounds' ratios. On a shared 2-core VM the bare loop alone
 * varies by a third minutes apart, so one pair decides nothing within a 0.1x margin.
 *
 *   npx tsx bench/orchestration.ts [--units 2000] [--concurrency 8] [--rounds 3] [--quick]
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

const { values: a } = parseArgs({ options: { units: { type: 'string' }, concurrency: { type: 'string', default: '8' }, rounds: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const units = Number(a.units ?? (a.quick ? 400 : 2000));
const concurrency = Number(a.concurrency);
const rounds = Number(a.rounds ?? (a.quick ? 1 : 3));
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

console.log(`orchestration bench: ${units} reference units, concurrency ${concurrency}, ${rounds} paired round(s); machine ${JSON.stringify(machine())} (shared with other work: figures vary)`);

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const env = await Env.start({ prefix: 'gauntlet-bench-orch-' });
let ok = false;
try {
  const bares: Awaited<ReturnType<typeof bareLoop>>[] = [];
  const r = await measuredRun(env, {
    name: 'orch',
    rounds,
    config: (round) => benchConfig({ runId: `orch-${round}`, outDir: env.outDir(`orch-${round}`), units, concurrency }),
    warmup: benchConfig({ runId: 'orch-warmup', outDir: env.outDir('orch-warmup'), units: 8, concurrency }),
    beforeTimed: async (round) => {
      const bare = await bareLoop();
      console.log(`round ${round + 1}: bare loop ${fmt(bare.wallS, 2)} s (${bare.passed}/${units} passed); CPU s ${JSON.stringify(bare.cpuS)}`);
      bares.push(bare);
    },
    timeoutMs: 3_600_000,
  });
  const ratios = r.rounds.map((g, i) => g.wallS / bares[i]!.wallS);
  r.rounds.forEach((g, i) =>
    console.log(`round ${i + 1}: Gauntlet ${fmt(g.wallS, 2)} s, ${fmt(ratios[i]!, 2)}x; CPU s worker tree ${JSON.stringify(g.cpuS.worker)}, dev server ${JSON.stringify(g.cpuS.server)}`),
  );
  const ratio = median(ratios);
  const gWall = median(r.rounds.map((g) => g.wallS));
  const bWall = median(bares.map((b) => b.wallS));
  const states = [...new Set(r.rounds.map((g) => g.outcome.phases[0]?.state ?? '?'))].join(', ');
  console.log('');
  console.log(
    table(
      ['figure', 'measured', 'baseline', 'goal'],
      [
        ['units', units, units, ''],
        [`wall s (run start → completed), median of ${rounds}`, fmt(gWall, 2), fmt(bWall, 2), ''],
        ['units/s', fmt(units / gWall), fmt(units / bWall), ''],
        [`Gauntlet / bare loop, median of ${rounds} paired rounds`, `${fmt(ratio, 2)}x`, '1.00x', `≤ ${GOAL}x`],
        ['rounds\' ratios', ratios.map((x) => `${fmt(x, 2)}x`).join(' '), '', ''],
        ['worker boot s (not timed)', fmt(r.workerStartS), '', ''],
        ['worker peak RSS MB', fmt(r.workerPeakRssMb, 0), '', ''],
        ['phase state', states, '', 'completed'],
      ],
    ),
  );
  console.log('\nwhere the last round\'s time went (server timestamps from its histories):');
  console.log(formatTimeline(await runTimeline(env.client, r.rounds.at(-1)!.workflowId)));
  saveFigures('orchestration', { units, concurrency, rounds, gauntlet_wall_s: gWall, bare_wall_s: bWall, ratio, round_ratios: ratios, goal_ratio: GOAL, worker_boot_s: r.workerStartS, worker_peak_rss_mb: r.workerPeakRssMb, state: r.outcome.state });
  ok = true;
} finally {
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
