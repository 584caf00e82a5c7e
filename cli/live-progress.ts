import type { Client } from '@temporalio/client';
import { phaseProgressQuery, progressQuery, type RunProgress } from '../contract/messages';

/**
 * The run's progress with live counters: the run query's per-phase counters lag (phases report
 * every 15 s to keep the run's history small), so the running phase is asked directly.
 */
export async function liveProgress(client: Client, workflowId: string): Promise<RunProgress> {
  const p = await client.workflow.getHandle(workflowId).query(progressQuery);
  if (p.current_phase_workflow_id) {
    const live = await client.workflow
      .getHandle(p.current_phase_workflow_id)
      .query(phaseProgressQuery)
      .catch(() => null); // between attempts, or continuing-as-new: the lagging view will do
    const view = live && p.phases.find((x) => x.name === live.name);
    if (view && live) Object.assign(view, { arms: live.arms, eta_s: live.eta_s, waits: live.waits, paused: live.paused, deferred: live.deferred });
  }
  return p;
}
