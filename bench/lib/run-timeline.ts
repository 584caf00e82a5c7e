import type { Client } from '@temporalio/client';
import { ms } from './history-profile';

/** Unit activities: summed into one span per execution rather than listed. */
const UNIT_ACTIVITIES = new Set(['runUnit', 'runUnits']);

export interface Milestone {
  at_ms: number;
  what: string;
}

/**
 * A run's fixed costs, from server timestamps: every non-unit step of the run workflow and of its
 * phase executions (scheduled → completed), the span of unit activities, workflow-task time, all
 * relative to the run's start. What a run spends outside its units is read here, not guessed.
 */
export async function runTimeline(client: Client, workflowId: string): Promise<Milestone[]> {
  const out: Milestone[] = [];
  let t0: number | undefined;
  const execs: { id: string; runId?: string; label: string }[] = [{ id: workflowId, label: 'run' }];
  // Phase attempts (continue-as-new chains included) are found through visibility by id prefix.
  for await (const w of client.workflow.list({ query: `WorkflowId STARTS_WITH '${workflowId}/'` })) execs.push({ id: w.workflowId, runId: w.runId, label: w.workflowId.slice(workflowId.length + 1) });
  for (const x of execs) {
    const events = (await client.workflow.getHandle(x.id, x.runId).fetchHistory()).events ?? [];
    t0 ??= ms(events[0]!);
    const scheduled = new Map<number, { type: string; at: number; started?: number }>();
    let unitFirst: number | undefined;
    let unitLast: number | undefined;
    let units = 0;
    let unitWait = 0;
    let unitRun = 0;
    let recordN = 0;
    let recordMs = 0;
    let wft = 0;
    let wftN = 0;
    let wftSched: number | undefined;
    for (const e of events) {
      const t = ms(e);
      if (e.workflowExecutionStartedEventAttributes) out.push({ at_ms: t - t0, what: `${x.label}: started` });
      else if (e.workflowTaskScheduledEventAttributes) wftSched = t;
      else if (e.workflowTaskCompletedEventAttributes && wftSched !== undefined) {
        wft += t - wftSched;
        wftN++;
      } else if (e.activityTaskScheduledEventAttributes) {
        const type = e.activityTaskScheduledEventAttributes.activityType?.name ?? '?';
        scheduled.set(Number(e.eventId), { type, at: t });
        if (UNIT_ACTIVITIES.has(type)) {
          unitFirst ??= t;
          units++;
        }
      } else if (e.activityTaskStartedEventAttributes) {
        const s = scheduled.get(Number(e.activityTaskStartedEventAttributes.scheduledEventId));
        if (s) s.started = t;
      } else if (e.activityTaskCompletedEventAttributes || e.activityTaskFailedEventAttributes || e.activityTaskTimedOutEventAttributes) {
        const sid = Number((e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes)!.scheduledEventId);
        const s = scheduled.get(sid);
        if (!s) continue;
        if (UNIT_ACTIVITIES.has(s.type)) {
          unitLast = t;
          unitWait += (s.started ?? t) - s.at;
          unitRun += t - (s.started ?? t);
        } else if (s.type === 'recordRows') {
          // Many small calls: summed, not listed.
          recordN++;
          recordMs += t - s.at;
        } else out.push({ at_ms: s.at - t0, what: `${x.label}: ${s.type} (wait ${(s.started ?? t) - s.at} ms, run ${t - (s.started ?? t)} ms)` });
      } else if (e.startChildWorkflowExecutionInitiatedEventAttributes) out.push({ at_ms: t - t0, what: `${x.label}: child start asked` });
      else if (e.childWorkflowExecutionCompletedEventAttributes) out.push({ at_ms: t - t0, what: `${x.label}: child completed` });
      else if (e.workflowExecutionCompletedEventAttributes || e.workflowExecutionContinuedAsNewEventAttributes || e.workflowExecutionFailedEventAttributes)
        out.push({ at_ms: t - t0, what: `${x.label}: ${e.workflowExecutionContinuedAsNewEventAttributes ? 'continued as new' : 'closed'} (${events.length} events, ${wftN} workflow tasks, ${wft} ms scheduled→completed)` });
    }
    if (unitFirst !== undefined) {
      out.push({ at_ms: unitFirst - t0, what: `${x.label}: first unit activity scheduled (${units} activities: mean wait for a slot ${Math.round(unitWait / units)} ms, mean run ${Math.round(unitRun / units)} ms)` });
      if (recordN) out.push({ at_ms: unitFirst - t0, what: `${x.label}: recordRows ×${recordN}, mean ${Math.round(recordMs / recordN)} ms scheduled → closed` });
      out.push({ at_ms: (unitLast ?? unitFirst) - t0, what: `${x.label}: last unit activity closed` });
    }
  }
  return out.sort((a, b) => a.at_ms - b.at_ms);
}

export function formatTimeline(ms: Milestone[]): string {
  return ms.map((m) => `  +${(m.at_ms / 1000).toFixed(3).padStart(7)} s  ${m.what}`).join('\n');
}
