import type { ActivityOptions } from '@temporalio/workflow';
import type { PhaseContext } from '../contract/phase';
import { FAILURE } from '../contract/phase';

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
