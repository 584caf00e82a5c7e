import type { WorkflowHandle } from '@temporalio/client';

export type HistoryEvent = NonNullable<Awaited<ReturnType<WorkflowHandle['fetchHistory']>>['events']>[number];

/** An event's server timestamp, epoch ms. */
export const ms = (e: HistoryEvent) => Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);

/**
 * Where an episode's wall time goes, read from its workflow history (server timestamps): per
 * activity type the wait for a worker slot (scheduled → started) and the run (started →
 * completed), and the workflow's own turns between steps (a step completed → the next one
 * scheduled: a workflow task's queueing and run). Means in ms, summed over many histories.
 */
export class HistoryProfile {
  private readonly sums = new Map<string, { n: number; ms: number }>();

  private add(key: string, ms: number): void {
    const s = this.sums.get(key) ?? { n: 0, ms: 0 };
    s.n++;
    s.ms += ms;
    this.sums.set(key, s);
  }

  addHistory(events: HistoryEvent[]): void {
    const scheduled = new Map<number, { type: string; at: number }>();
    const started = new Map<number, number>();
    let lastDone: number | undefined;
    let wftScheduled: number | undefined;
    let wftStarted: number | undefined;
    for (const e of events) {
      const id = Number(e.eventId);
      if (e.workflowTaskScheduledEventAttributes) wftScheduled = ms(e);
      else if (e.workflowTaskStartedEventAttributes) {
        wftStarted = ms(e);
        if (wftScheduled !== undefined) this.add('workflow task: wait for a poller', wftStarted - wftScheduled);
      } else if (e.workflowTaskCompletedEventAttributes) {
        if (wftStarted !== undefined) this.add('workflow task: run (worker)', ms(e) - wftStarted);
      } else if (e.activityTaskScheduledEventAttributes) {
        const type = e.activityTaskScheduledEventAttributes?.activityType?.name ?? '?';
        scheduled.set(id, { type, at: ms(e) });
        if (lastDone !== undefined) this.add('workflow turn between steps', ms(e) - lastDone);
      } else if (e.activityTaskStartedEventAttributes) {
        const s = scheduled.get(Number(e.activityTaskStartedEventAttributes?.scheduledEventId));
        if (s) this.add(`${s.type}: wait for a slot`, ms(e) - s.at);
        started.set(Number(e.activityTaskStartedEventAttributes?.scheduledEventId), ms(e));
      } else if (e.activityTaskCompletedEventAttributes) {
        const sid = Number(e.activityTaskCompletedEventAttributes?.scheduledEventId);
        const s = scheduled.get(sid);
        const st = started.get(sid);
        if (s && st !== undefined) this.add(`${s.type}: run`, ms(e) - st);
        lastDone = ms(e);
      }
    }
    const first = events[0];
    const last = events[events.length - 1];
    if (first && last) {
      this.add('episode wall', ms(last) - ms(first));
      this.starts.push(ms(first));
    }
  }

  private readonly starts: number[] = [];

  /** The phase's side of child starts: when it asked for each episode, and how long the start took. */
  addPhaseHistory(events: HistoryEvent[]): void {
    const initiated = new Map<number, number>();
    let first: number | undefined;
    for (const e of events) {
      const t = ms(e);
      if (e.startChildWorkflowExecutionInitiatedEventAttributes) {
        initiated.set(Number(e.eventId), t);
        first ??= t;
        this.add('phase: child start asked after the first', t - first);
      } else if (e.childWorkflowExecutionStartedEventAttributes) {
        const at = initiated.get(Number(e.childWorkflowExecutionStartedEventAttributes.initiatedEventId));
        if (at !== undefined) this.add('phase: child start asked → started', t - at);
      }
    }
  }

  /** Rows of [what, count, mean ms, total s]. */
  rows(): [string, number, string, string][] {
    const t0 = Math.min(...this.starts);
    const lag = this.starts.map((t) => t - t0);
    const startRow: [string, number, string, string] = ['episode started after the first (child start)', lag.length, (lag.reduce((a, b) => a + b, 0) / Math.max(1, lag.length)).toFixed(0), `max ${(Math.max(...lag) / 1000).toFixed(1)}`];
    return [startRow, ...[...this.sums.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, s]): [string, number, string, string] => [k, s.n, (s.ms / Math.max(1, s.n)).toFixed(0), (s.ms / 1000).toFixed(1)])];
  }
}
