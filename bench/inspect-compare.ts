/**
 * HumanEval 164 x 10 with the canonical solution, Gauntlet beside Inspect AI on the same machine
 * (issue 10): Inspect 0.3.285 from PyPI in a venv under ~/.cache/gauntlet/bench (local sandbox,
 * mockllm, a solver that answers with the canonical solution, inspect_evals' verify scorer), and
 * a Gauntlet `reference` run on a throwaway dev server (worker booted first, not timed; Inspect's
 * time includes its own start-up, about a second). Goal: Gauntlet at least 3x faster.
 *   node --import tsx bench/inspect-compare.ts [--epochs 10]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { machine, saveFigures } from './lib/figures';
import { ROOT } from './lib/procs';
import { fmt, table } from './lib/table';
import { benchConfig, HUMANEVAL } from './lib/units';

const { values: a } = parseArgs({ options: { epochs: { type: 'string', default: '10' } } });
const epochs = Number(a.epochs);
const INSPECT_VERSION = '0.3.285';
const GOAL = 3;
const venv = path.join(os.homedir(), '.cache/gauntlet/bench/inspect-venv');
const py = path.join(venv, 'bin/python');

function ensureInspect(): boolean {
  const have = existsSync(py) && spawnSync(py, ['-c', `import inspect_ai,sys; sys.exit(0 if inspect_ai.__version__ == '${INSPECT_VERSION}' else 1)`]).status === 0;
  if (have) return true;
  console.log(`installing inspect-ai==${INSPECT_VERSION} into ${venv} (once)`);
  if (spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' }).status !== 0) return false;
  return spawnSync(path.join(venv, 'bin/pip'), ['install', '-q', `inspect-ai==${INSPECT_VERSION}`], { stdio: 'inherit' }).status === 0;
}

const figures: Record<string, unknown> = { epochs, tasks: 164 };
const rows: (string | number)[][] = [];
if (!ensureInspect()) {
  console.log('inspect-ai could not be installed here: Inspect side skipped');
} else {
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-bench-inspect-'));
  const r = spawnSync(py, [path.join(ROOT, 'bench/inspect/humaneval_canonical.py'), HUMANEVAL, String(epochs), logDir], { encoding: 'utf8', cwd: logDir });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0) throw new Error(`inspect run failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const ins = JSON.parse(last) as { wall_s: number; accuracy: number; samples: number };
  figures.inspect = ins;
  rows.push([`Inspect AI ${INSPECT_VERSION}`, fmt(ins.wall_s, 1), ins.samples, fmt(100 * ins.accuracy, 1), '']);
}

const env = await Env.start({ prefix: 'gauntlet-bench-inspect-cmp-' });
try {
  const units = 164 * epochs;
  const g = await measuredRun(env, { name: 'vs-inspect', timeoutMs: 900_000, config: benchConfig({ runId: 'vs-inspect', outDir: env.outDir('vs-inspect'), units, concurrency: 8 }) });
  figures.gauntlet = { wall_s: g.wallS, units, state: g.outcome.state, worker_peak_rss_mb: g.workerPeakRssMb };
  const ins = figures.inspect as { wall_s: number } | undefined;
  const speedup = ins ? ins.wall_s / g.wallS : null;
  figures.speedup = speedup;
  rows.push(['Gauntlet (reference, concurrency 8)', fmt(g.wallS, 1), units, g.outcome.state === 'completed' ? '100.0' : g.outcome.state, speedup === null ? '' : `${fmt(speedup, 1)}x faster (goal ≥ ${GOAL}x: ${speedup >= GOAL ? 'met' : 'NOT met'})`]);
} finally {
  await env.close(true);
}
console.log(table(['harness', 'wall s', 'samples', 'pass %', 'vs Inspect'], rows));
console.log(`(${JSON.stringify(machine())})`);
saveFigures('inspect-compare', figures);
