import { patched, workflowInfo, type ActivityOptions } from '@temporalio/workflow';
import type { PhaseContext, PhasePlan } from '../contract/phase';
import { FAILURE } from '../contract/phase';
import { capabilityQueue, isNeed } from '../contract/capabilities';

/** Options of a unit's activities (runUnit, an episode's steps): rate limits and quota are never retried here, the workflow holds the provider. */
export function unitOptionsOf(unitTimeoutS: number, ctx: PhaseContext): ActivityOptions {
  return {
    startToCloseTimeout: `${unitTimeoutS} seconds`,
    heartbeatTimeout: `${ctx.phase.timeouts.heartbeat_s} seconds`,
    retry: {
      maximumAttempts: ctx.retry.unit_max_attempts,
      initialInterval: `${ctx.retry.unit_initial_interval_s} seconds`,
      backoffCoefficient: 2,
      nonRetryableErrorTypes: [FAILURE.rateLimited, FAILURE.exhausted, FAILURE.fatal, FAILURE.suiteData],
    },
  };
}

/** Histories from before capability routing ran every unit on the workflow's own queue. */
const PATCH_CAPABILITY_QUEUES = 'capability-queues';

/**
 * Per arm index: the task queue of its unit activities. An arm whose units need a capability (the
 * plan's `needs`: an environment, a provider's key) goes to that capability's queue, which only
 * workers able to serve it poll; the others stay on the workflow's queue. A plan without needs
 * (every plan recorded before) takes no marker and no option.
 */
export function unitQueuesOf(plan: Pick<PhasePlan, 'needs'>): (arm: number) => Pick<ActivityOptions, 'taskQueue'> {
  const needs = plan.needs;
  if (!needs?.some(isNeed) || !patched(PATCH_CAPABILITY_QUEUES)) return () => ({});
  const base = workflowInfo().taskQueue;
  const queues = needs.map((n) => (isNeed(n) ? { taskQueue: capabilityQueue(base, n) } : {}));
  return (arm) => queues[arm] ?? {};
}
