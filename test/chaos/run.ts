/**
 * Chaos suite: real dev server, real worker processes, the simulated API, a real run — shot at
 * with seeded faults; then the invariants of DESIGN.md are checked and printed as figures.
 *
 *   node --import tsx test/chaos/run.ts [--ci] [--seed N | --seeds N] [--scenario NAME[,NAME]] [--keep]
 *
 * --seeds N runs every scenario under N random seeds in a row (one dev server), printing each.
 * Exit 0: every invariant held. Exit 1: a violation (the seed to reproduce is printed).
 */
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import os from 'node:os';
import { startMockApi } from '../../devtools/mock-api';
import { Env } from '../../bench/lib/env';
import { killAllStarted, tailOf } from '../../bench/lib/procs';
import { table } from '../../bench/lib/table';
import { loadCodeTasks, loadSamples } from '../../eval/load';
import { BBH, HUMANEVAL } from './lib/config';
import { Rng } from './lib/rng';
import { runScenario, type ScenarioReport, type Size } from './lib/scenario';
import { SCENARIOS } from './scenarios';

const { values: args } = parseArgs({
  options: {
    ci: { type: 'boolean', default: false },
    seed: { type: 'string' },
    seeds: { type: 'string' },
    scenario: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
if (args.seed !== undefined && args.seeds !== undefined) throw new Error('pass --seed N (one given seed) or --seeds N (N random seeds), not both');
const rounds = args.seeds !== undefined ? Number(args.seeds) : 1;
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--seeds expects a positive integer, got ${args.seeds}`);
const seeds = args.seed !== undefined ? [Number(args.seed)] : Array.from({ length: rounds }, () => randomInt(1, 2 ** 31 - 1));
if (!seeds.every(Number.isInteger)) throw new Error(`--seed expects an integer, got ${args.seed}`);
const ci = args.ci!;
// CI: small runs (under 5 minutes for all scenarios on 2 cores). Long: >= 500 units per scenario.
const size: Size = ci ? { tasks: 12, samples: 1 } : { tasks: 164, samples: 2 };
const names = args.scenario ? args.scenario.split(',').map((s) => s.trim()) : SCENARIOS.map((s) => s.name);
const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const reproduce = (seed: number, scenario = args.scenario) => `node --import tsx test/chaos/run.ts${ci ? ' --ci' : ''} --seed ${seed}${scenario ? ` --scenario ${scenario}` : ''}`;

const t0 = Date.now();
const log = (m: string) => console.log(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`);
log(`seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')} (${ci ? 'ci' : 'long'}: ${size.tasks} tasks x 2 arms x ${size.samples} samples = ${size.tasks * 2 * size.samples} units per scenario); ${os.availableParallelism()} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const onSignal = () => {
  killAllStarted();
  process.exit(130);
};
process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);

// The continue-as-new suggestion is lowered so long phases cross it under fire too.
const env = await Env.start({ prefix: 'gauntlet-chaos-', dynamicConfig: { 'limit.historyCount.suggestContinueAsNew': 400 }, keep: args.keep });
// The simulated API knows both workloads: HumanEval (most scenarios) and BBH (bbh-sweep).
const api = await startMockApi({ tasks: await loadCodeTasks({ name: 'humaneval', data: HUMANEVAL }), questions: (await loadSamples({ name: 'bbh', data: BBH })).samples, latencyMs: 20 });
log(`dev server ${env.address} (db ${env.db}); simulated API ${api.url}; logs in ${env.dir}`);

const reports: (ScenarioReport & { seed: number })[] = [];
try {
  for (const [round, seed] of seeds.entries()) {
    if (seeds.length > 1) log(`round ${round + 1} of ${seeds.length}: seed ${seed}`);
    const rng = new Rng(seed);
    for (const spec of SCENARIOS.filter((s) => names.includes(s.name))) {
      log(`${spec.name}: ${spec.about}`);
      const tag = seeds.length > 1 ? String(seed) : undefined;
      const r = { ...(await runScenario({ env, mockUrl: api.url, rng, ci, size, deadlineMs: ci ? 150_000 : 1_800_000, tag, log }, spec)), seed };
      reports.push(r);
      const bad = r.checks.filter((c) => !c.ok);
      console.log(`\n### ${r.name} (seed ${seed}) — ${bad.length ? 'VIOLATED' : 'ok'} (${r.wallS.toFixed(1)} s)\n`);
      console.log(table(['invariant / figure', 'value', 'ok'], [...r.checks.map((c) => [c.name, c.figure, c.ok ? 'yes' : 'NO']), ...Object.entries(r.figures).map(([k, v]) => [k, String(v), ''])]));
      if (bad.length) {
        for (const f of [...r.logs, `${env.dir}/dev-server.log`]) console.log(`\n--- tail of ${f}\n${tailOf(f, 25)}`);
      }
      console.log('');
    }
  }
} finally {
  await api.close();
  killAllStarted();
}

const failed = reports.filter((r) => r.checks.some((c) => !c.ok));
console.log('## chaos summary\n');
console.log(
  table(
    ['seed', 'scenario', 'units', 'recorded', 'wall s', 'result'],
    reports.map((r) => [String(r.seed), r.name, r.checks.find((c) => c.name === 'units expected')?.figure ?? '?', r.checks.find((c) => c.name.startsWith('units recorded'))?.figure ?? '?', r.wallS.toFixed(1), r.checks.some((c) => !c.ok) ? 'VIOLATED' : 'ok']),
  ),
);
log(`total ${((Date.now() - t0) / 1000).toFixed(1)} s; seed${seeds.length > 1 ? 's' : ''} ${seeds.join(', ')}`);
// Logs stay when something failed or a worker died unplanned (a finding worth a look).
const unplanned = reports.some((r) => Number(r.figures['unplanned worker exits'] ?? 0) > 0);
await env.close(failed.length === 0 && !unplanned);
if (unplanned && !failed.length) console.log(`unplanned worker exits: logs kept in ${env.dir}`);
if (failed.length) {
  console.log(`\n${failed.length} scenario(s) violated an invariant; logs kept in ${env.dir}`);
  for (const r of failed) console.log(`reproduce: ${reproduce(r.seed, r.name)}`);
}
// The plain closing line test reporters (and CI) read.
console.log(`chaos: ${reports.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
