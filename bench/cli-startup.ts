/**
 * CLI start-up: `gauntlet --version` and `gauntlet status <run>` (a finished three-unit run on a
 * throwaway dev server), beside `node -e 1` and `node --import tsx -e 1` from the same run.
 * Median of N runs each.
 *   node --import tsx bench/cli-startup.ts [--runs 7]
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { saveFigures, machine } from './lib/figures';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { ROOT } from './lib/procs';
import { fmt, table } from './lib/table';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const GAUNTLET = path.join(ROOT, 'bin/gauntlet.js');

/** Wall seconds and peak RSS (MB) of one process, via /usr/bin/time when present. */
function measure(args: string[]): { s: number; rss_mb: number | null } {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  const s = (performance.now() - t0) / 1000;
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { s, rss_mb: Number.isFinite(kb) ? kb / 1024 : null };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const env = await Env.start({ prefix: 'gauntlet-bench-cli-' });
const runDir = env.outDir('cli');
await measuredRun(env, { name: 'cli', timeoutMs: 120_000, config: { output_dir: runDir, phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'custom' }, samples: 3, arms: [{ name: 'ref', model: 'reference' }] }] } });

const cases: [string, string[], number | null][] = [
  ['node -e 1 (baseline)', ['-e', '1'], null],
  ['node --import tsx -e 1 (baseline)', ['--import', 'tsx', '-e', '1'], null],
  ['gauntlet --version', [GAUNTLET, '--version'], 0.3],
  ['gauntlet status <run>', [GAUNTLET, 'status', runDir, '--address', env.address], 0.6],
];
const rows: (string | number)[][] = [];
const figures: Record<string, unknown> = {};
for (const [name, args, goal] of cases) {
  const m = Array.from({ length: runs }, () => measure(args));
  const s = median(m.map((x) => x.s));
  const rss = median(m.map((x) => x.rss_mb ?? NaN));
  rows.push([name, fmt(s, 2), fmt(rss, 0), goal === null ? '' : `< ${goal} s ${s < goal ? 'met' : 'NOT met'}`]);
  figures[name] = { median_s: s, rss_mb: rss, goal_s: goal };
}
console.log(table(['command', 'median s', 'RSS MB', 'goal'], rows));
console.log(`(${runs} runs each; ${JSON.stringify(machine())})`);
saveFigures('cli-startup', figures);
await env.close(true);
