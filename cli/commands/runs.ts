import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { defaultRunsRoot } from '../../analysis/runs';
import { listRunsFromDirs, mergeRunListings, runIdFromWorkflowId, type MergedRun, type VisibleRun } from '../../analysis/list-runs';
import { formatRate } from '../../analysis/outcomes';
import { RUN_ID_ATTR, STATE_ATTR } from '../../contract/search-attributes';
import { defaultAddress, defaultNamespace } from '../../workers/options';
import { connectClient } from '../client';

/**
 * `gauntlet runs`: every run known to Temporal visibility (benchmarkRun workflows, by the
 * GauntletRunId / GauntletState search attributes) or found under the runs root, one row each.
 * Temporal is optional: unreachable, the listing falls back to the directories with a warning.
 */

const VISIBILITY_QUERY = "WorkflowType = 'benchmarkRun'";
/** Executions read from visibility at most (newest first); beyond that the listing says it is cut. */
const MAX_EXECUTIONS = 2000;

interface RunsFlags {
  json?: boolean;
  limit: number;
  runsDir?: string;
  temporal: boolean;
  address?: string;
  namespace?: string;
}

function positiveInt(v: string): number {
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new InvalidArgumentError(`--limit must be a positive whole number, got "${v}"`);
  return Number(v);
}

export function register(program: Command): void {
  program
    .command('runs')
    .description(
      'list runs, newest first: run id, state, suites, arms, pass rates, started, output directory. Merges the benchmarkRun ' +
        'workflows on the Temporal server with the output directories under the runs root',
    )
    .option('--json', 'print the runs as JSON')
    .option('--limit <n>', 'show at most this many runs', positiveInt, 50)
    .option('--runs-dir <dir>', 'folder holding run output directories (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .option('--no-temporal', 'do not ask the Temporal server; list the output directories only')
    .option('--address <host:port>', 'Temporal frontend (default $TEMPORAL_ADDRESS or localhost:7233)')
    .option('--namespace <ns>', 'Temporal namespace (default $TEMPORAL_NAMESPACE or default)')
    .action(async (flags: RunsFlags) => {
      const runs = await listRuns(flags);
      console.log(flags.json ? JSON.stringify(runs, null, 2) : formatRuns(runs, path.resolve(flags.runsDir ?? defaultRunsRoot()), flags.temporal));
    });
}

export async function listRuns(flags: RunsFlags): Promise<MergedRun[]> {
  const root = path.resolve(flags.runsDir ?? defaultRunsRoot());
  const dirs = await listRunsFromDirs(root);
  let visible: VisibleRun[] = [];
  if (flags.temporal) {
    const address = flags.address ?? defaultAddress();
    try {
      const client = await connectClient(flags);
      try {
        visible = await listVisible(client);
        // Runs with no directory under the runs root: their output directory, suites and arms come from the start input.
        const onDisk = new Set(dirs.flatMap((d) => [d.run_id, d.workflow_id]));
        const newestByRun = new Map<string, VisibleRun>();
        for (const v of visible) {
          const cur = newestByRun.get(v.run_id);
          if (!cur || (v.start_time ?? '') > (cur.start_time ?? '')) newestByRun.set(v.run_id, v);
        }
        const missing = [...newestByRun.values()].filter((v) => !onDisk.has(v.run_id) && !onDisk.has(v.workflow_id));
        missing.sort((a, b) => (b.start_time ?? '').localeCompare(a.start_time ?? ''));
        await Promise.all(missing.slice(0, flags.limit).map((v) => readStartInput(client, flags.namespace ?? defaultNamespace(), v)));
      } finally {
        await client.connection.close().catch(() => undefined);
      }
    } catch (e) {
      const why = (e as Error).message;
      console.error(`gauntlet runs: ${/cannot reach Temporal/.test(why) ? why : `cannot list runs on Temporal at ${address}: ${why}`}; listing the output directories under ${root} only`);
      visible = [];
    }
  }
  return mergeRunListings(dirs, visible, flags.limit);
}

async function listVisible(client: Client): Promise<VisibleRun[]> {
  const out: VisibleRun[] = [];
  for await (const w of client.workflow.list({ query: VISIBILITY_QUERY, pageSize: 200 })) {
    const attrs = w.typedSearchAttributes;
    out.push({
      workflow_id: w.workflowId,
      run_id: attrs.get(RUN_ID_ATTR) ?? runIdFromWorkflowId(w.workflowId),
      status: w.status.name,
      gauntlet_state: attrs.get(STATE_ATTR),
      start_time: w.startTime?.toISOString(),
      close_time: w.closeTime?.toISOString(),
    });
    if (out.length >= MAX_EXECUTIONS) {
      console.error(`gauntlet runs: read the newest ${MAX_EXECUTIONS} benchmarkRun executions only`);
      break;
    }
  }
  return out;
}

/** Fills output_dir, suites and arms from the first history event (the run input), best effort. */
async function readStartInput(client: Client, namespace: string, v: VisibleRun): Promise<void> {
  try {
    const res = await client.workflowService.getWorkflowExecutionHistory({ namespace, execution: { workflowId: v.workflow_id }, maximumPageSize: 1 });
    const payload = res.history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) return;
    const input = defaultPayloadConverter.fromPayload<unknown>(payload as Payload);
    const cfg = (input && typeof input === 'object' && 'config' in input ? (input as { config: unknown }).config : input) as {
      output_dir?: unknown;
      phases?: { suite?: { name?: unknown }; arms?: { name?: unknown }[] }[];
    } | null;
    if (!cfg || typeof cfg !== 'object') return;
    if (typeof cfg.output_dir === 'string') v.output_dir = cfg.output_dir;
    const phases = Array.isArray(cfg.phases) ? cfg.phases : [];
    v.suites = [...new Set(phases.map((p) => p?.suite?.name).filter((s): s is string => typeof s === 'string'))];
    v.arms = [...new Set(phases.flatMap((p) => (Array.isArray(p?.arms) ? p.arms : []).map((a) => a?.name)).filter((s): s is string => typeof s === 'string'))];
  } catch {
    // history gone (retention) or not readable: the row shows what visibility knows
  }
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
