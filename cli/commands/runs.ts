import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { defaultRunsRoot } from '../../analysis/runs';
import type { MergedRun } from '../../analysis/list-runs';
import { listMergedRuns } from '../visibility';
import { formatRate } from '../../analysis/outcomes';
import { connectClient } from '../client';
import { addConnectionFlags, resolveTarget, type ConnectionFlags } from '../connection';

/**
 * `gauntlet runs`: every run known to Temporal visibility (benchmarkRun workflows, by the
 * GauntletRunId / GauntletState search attributes) or found under the runs root, one row each.
 * Temporal is optional: unreachable, the listing falls back to the directories with a warning.
 */

interface RunsFlags extends ConnectionFlags {
  json?: boolean;
  limit: number;
  runsDir?: string;
  temporal: boolean;
}

function positiveInt(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new InvalidArgumentError(`--limit must be a positive whole number, got "${v}"`);
  return Number(v);
}

export function register(program: Command): void {
  const cmd = program
    .command('runs')
    .description(
      'list runs, newest first: run id, state, suites, arms, pass rates, started, output directory. Merges the benchmarkRun ' +
        'workflows on the Temporal server with the output directories under the runs root',
    )
    .option('--json', 'print the runs as JSON')
    .option('--limit <n>', 'show at most this many runs', positiveInt, 50)
    .option('--runs-dir <dir>', 'folder holding run output directories (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .option('--no-temporal', 'do not ask the Temporal server; list the output directories only');
  addConnectionFlags(cmd).action(async (flags: RunsFlags) => {
      const runs = await listRuns(flags);
      console.log(flags.json ? JSON.stringify(runs, null, 2) : formatRuns(runs, path.resolve(flags.runsDir ?? defaultRunsRoot()), flags.temporal));
    });
}

export async function listRuns(flags: RunsFlags): Promise<MergedRun[]> {
  const root = path.resolve(flags.runsDir ?? defaultRunsRoot());
  const target = flags.temporal ? resolveTarget(flags) : null;
  return listMergedRuns({
    runsRoot: root,
    limit: flags.limit,
    namespace: target?.namespace ?? 'default',
    connect: flags.temporal ? () => connectClient(flags) : null,
    onTemporalError: (why) =>
      console.error(`gauntlet runs: ${/cannot reach Temporal/.test(why) ? why : `cannot list runs on Temporal at ${target?.describe}: ${why}`}; listing the output directories under ${root} only`),
    onNote: (note) => console.error(`gauntlet runs: ${note}`),
  });
}

export function formatRuns(runs: MergedRun[], root: string, askedTemporal = true): string {
  if (runs.length === 0) return `no runs: no run directories under ${root}${askedTemporal ? ' and no benchmarkRun workflows on the Temporal server' : ' (Temporal not asked)'}`;
  const rows = runs.map((r) => [
    r.run_id,
    r.state + (r.temporal && r.temporal.executions > 1 ? ` (${r.temporal.executions} executions)` : ''),
    r.suites.join(',') || '-',
    r.arms.join(',') || '-',
    r.pass_rates.map((p) => `${p.phase}/${p.arm} ${formatRate(p.pass_rate)}${p.errors ? ` (${p.errors} errors)` : ''}`).join(', ') || '-',
    r.started ? r.started.replace('T', ' ').replace(/\.\d+Z$|Z$/, 'Z') : '-',
    (r.output_dir ?? '?') + (r.problem ? `  (unreadable: ${r.problem.split('\n')[0]})` : ''),
  ]);
  const head = ['RUN ID', 'STATE', 'SUITES', 'ARMS', 'PASS RATE (errors apart)', 'STARTED', 'OUTPUT'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
