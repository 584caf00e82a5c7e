import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnalysisError } from './errors';
import { RESULTS_FILE, RUN_FILE } from './runs';
import { summarizeRun } from './summary';

/** A run found on disk, for `gauntlet runs` (the CLI merges these with Temporal visibility). */
export interface RunListing {
  run_id: string;
  workflow_id?: string;
  output_dir: string;
  suites: string[];
  arms: string[];
  state: string;
  pass_rates: { phase: string; arm: string; pass_rate: number | null; passed: number; failed: number; errors: number }[];
  started?: string;
  ended?: string;
  cost_usd?: number;
  /** Set when the directory could not be read; the listing goes on with the other runs. */
  problem?: string;
}

/** Every direct subdirectory of runsRoot holding run.json or results.jsonl, newest first. A missing root lists nothing. */
export async function listRunsFromDirs(runsRoot: string): Promise<RunListing[]> {
  const root = path.resolve(runsRoot);
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const out: RunListing[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, e.name);
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    if (!files.includes(RUN_FILE) && !files.includes(RESULTS_FILE)) continue;
    try {
      const s = await summarizeRun(dir);
      out.push({
        run_id: s.run_id,
        workflow_id: s.workflow_id,
        output_dir: dir,
        suites: s.suites,
        arms: s.arms,
        state: s.state,
        pass_rates: s.pass_rates.map(({ phase, arm, pass_rate, passed, failed, errors }) => ({ phase, arm, pass_rate, passed, failed, errors })),
        started: s.started_at,
        ended: s.ended_at,
        cost_usd: s.cost_usd,
      });
    } catch (err) {
      if (!(err instanceof AnalysisError)) throw err;
      out.push({ run_id: e.name, output_dir: dir, suites: [], arms: [], state: 'unreadable', pass_rates: [], problem: err.message });
    }
  }
  return out.sort((a, b) => (b.started ?? '').localeCompare(a.started ?? '') || a.run_id.localeCompare(b.run_id));
}

/** One benchmarkRun execution as Temporal visibility lists it (plus what its start input says, when read). */
export interface VisibleRun {
  workflow_id: string;
  /** The GauntletRunId search attribute, else derived from the workflow id. */
  run_id: string;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TERMINATED, CANCELLED, TIMED_OUT, CONTINUED_AS_NEW. */
  status: string;
  /** The GauntletState search attribute (running, paused, cancelling, completed ...). */
  gauntlet_state?: string;
  start_time?: string;
  close_time?: string;
  /** From the workflow's start input, read only for runs without a directory under the runs root. */
  output_dir?: string;
  suites?: string[];
  arms?: string[];
}

/** A run as `gauntlet runs` shows it: its directory, its Temporal executions, or both. */
export interface MergedRun {
  run_id: string;
  workflow_id: string | null;
  source: 'both' | 'dir' | 'temporal';
  /** Temporal's view while the workflow runs; else the run's own record, else Temporal's close status. */
  state: string;
  suites: string[];
  arms: string[];
  pass_rates: RunListing['pass_rates'];
  started: string | null;
  /** The run record's end, else Temporal's close time; null while it goes on. */
  ended: string | null;
  cost_usd: number | null;
  output_dir: string | null;
  /** The newest execution of the run (a resumed run has several); null when Temporal has none or was not asked. */
  temporal: { workflow_id: string; status: string; gauntlet_state: string | null; start_time: string | null; close_time: string | null; executions: number } | null;
  problem?: string;
}

/** Run ids from workflow ids the CLI makes: `gauntlet-<run id>` and `gauntlet-<run id>-resume-<n>`. */
export function runIdFromWorkflowId(workflowId: string): string {
  return workflowId.replace(/^gauntlet-/, '').replace(/-resume-\d+$/, '');
}

const FINAL_RUN_STATES = new Set(['completed', 'cancelled', 'failed', 'exhausted']);

/**
 * Joins directory listings and Temporal executions on the run id (or workflow id), newest first,
 * at most `limit` runs. Several executions of one run (resumes, continue-as-new) show as one row,
 * described by the newest.
 */
export function mergeRunListings(dirs: readonly RunListing[], visible: readonly VisibleRun[], limit?: number): MergedRun[] {
  const groups = new Map<string, VisibleRun[]>();
  for (const v of visible) {
    const g = groups.get(v.run_id);
    if (g) g.push(v);
    else groups.set(v.run_id, [v]);
  }
  const byWorkflowId = new Map<string, string>();
  for (const v of visible) byWorkflowId.set(v.workflow_id, v.run_id);
  const newest = (g: VisibleRun[]) => [...g].sort((a, b) => (b.start_time ?? '').localeCompare(a.start_time ?? ''))[0]!;
  const used = new Set<string>();
  const out: MergedRun[] = [];

  for (const d of dirs) {
    const key = groups.has(d.run_id) ? d.run_id : d.workflow_id !== undefined ? byWorkflowId.get(d.workflow_id) : undefined;
    const g = key !== undefined ? groups.get(key) : undefined;
    if (key !== undefined && g) used.add(key);
    const t = g ? newest(g) : undefined;
    out.push({
      run_id: d.run_id,
      workflow_id: d.workflow_id ?? t?.workflow_id ?? null,
      source: t ? 'both' : 'dir',
      state: mergedState(d.state, t),
      suites: d.suites.length ? d.suites : (t?.suites ?? []),
      arms: d.arms.length ? d.arms : (t?.arms ?? []),
      pass_rates: d.pass_rates,
      started: d.started ?? t?.start_time ?? null,
      ended: d.ended ?? t?.close_time ?? null,
      cost_usd: d.cost_usd ?? null,
      output_dir: d.output_dir,
      temporal: t && g ? temporalView(t, g.length) : null,
      ...(d.problem ? { problem: d.problem } : {}),
    });
  }
  for (const [runId, g] of groups) {
    if (used.has(runId)) continue;
    const t = newest(g);
    out.push({
      run_id: runId,
      workflow_id: t.workflow_id,
      source: 'temporal',
      state: mergedState(undefined, t),
      suites: t.suites ?? [],
      arms: t.arms ?? [],
      pass_rates: [],
      started: g.map((x) => x.start_time).filter((s): s is string => !!s).sort()[0] ?? null,
      ended: t.close_time ?? null,
      cost_usd: null,
      output_dir: t.output_dir ?? null,
      temporal: temporalView(t, g.length),
    });
  }
  out.sort((a, b) => (b.started ?? '').localeCompare(a.started ?? '') || a.run_id.localeCompare(b.run_id));
  return limit !== undefined ? out.slice(0, limit) : out;
}

function temporalView(t: VisibleRun, executions: number): NonNullable<MergedRun['temporal']> {
  return { workflow_id: t.workflow_id, status: t.status, gauntlet_state: t.gauntlet_state ?? null, start_time: t.start_time ?? null, close_time: t.close_time ?? null, executions };
}

function mergedState(dirState: string | undefined, t: VisibleRun | undefined): string {
  if (t?.status === 'RUNNING') return t.gauntlet_state ?? 'running';
  if (dirState && FINAL_RUN_STATES.has(dirState)) return dirState;
  // The record says running (or there is none) but the workflow is closed: killed, timed out, failed.
  if (t) return t.gauntlet_state && FINAL_RUN_STATES.has(t.gauntlet_state) ? t.gauntlet_state : t.status.toLowerCase();
  return dirState ?? 'unknown';
}
