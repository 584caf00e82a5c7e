import type { Client } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { RUN_ID_ATTR, STATE_ATTR } from '../contract/search-attributes';
import { listRunsFromDirs, mergeRunListings, runIdFromWorkflowId, type MergedRun, type RunListing, type VisibleRun } from '../analysis/list-runs';

/**
 * Runs known to Temporal visibility (benchmarkRun workflows, by the GauntletRunId / GauntletState
 * search attributes) merged with the output directories under the runs root: what `gauntlet runs`
 * prints and `gauntlet view` lists (through cli/view-temporal.ts). Temporal is optional: unreachable, the listing is the
 * directories alone and `onTemporalError` says why.
 */

const VISIBILITY_QUERY = "WorkflowType = 'benchmarkRun'";
/** Executions read from visibility at most (newest first); beyond that the listing says it is cut. */
const MAX_EXECUTIONS = 2000;

export interface ListMergedRunsOptions {
  runsRoot: string;
  limit?: number;
  namespace: string;
  /** null: do not ask Temporal. The client is closed after use. */
  connect: (() => Promise<Client>) | null;
  onTemporalError?: (message: string) => void;
  onNote?: (message: string) => void;
}

export async function listMergedRuns(o: ListMergedRunsOptions): Promise<MergedRun[]> {
  const dirs = await listRunsFromDirs(o.runsRoot);
  let visible: VisibleRun[] = [];
  if (o.connect) {
    try {
      const client = await o.connect();
      try {
        visible = await visibleRuns(client, dirs, o.namespace, o.limit, o.onNote);
      } finally {
        await client.connection.close().catch(() => undefined);
      }
    } catch (e) {
      o.onTemporalError?.((e as Error).message);
      visible = [];
    }
  }
  return mergeRunListings(dirs, visible, o.limit);
}

/**
 * The benchmarkRun executions visibility lists; runs with no directory among `dirs` get their
 * output directory, suites and arms from their start input (the newest `limit` of them).
 */
export async function visibleRuns(client: Client, dirs: readonly RunListing[], namespace: string, limit?: number, onNote?: (m: string) => void): Promise<VisibleRun[]> {
  const visible = await listVisible(client, onNote);
  const onDisk = new Set(dirs.flatMap((d) => [d.run_id, d.workflow_id]));
  const newestByRun = new Map<string, VisibleRun>();
  for (const v of visible) {
    const cur = newestByRun.get(v.run_id);
    if (!cur || (v.start_time ?? '') > (cur.start_time ?? '')) newestByRun.set(v.run_id, v);
  }
  const missing = [...newestByRun.values()].filter((v) => !onDisk.has(v.run_id) && !onDisk.has(v.workflow_id));
  missing.sort((a, b) => (b.start_time ?? '').localeCompare(a.start_time ?? ''));
  await Promise.all(missing.slice(0, limit ?? missing.length).map((v) => readStartInput(client, namespace, v)));
  return visible;
}

async function listVisible(client: Client, onNote?: (m: string) => void): Promise<VisibleRun[]> {
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
      onNote?.(`read the newest ${MAX_EXECUTIONS} benchmarkRun executions only`);
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
