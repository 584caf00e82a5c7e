import type { ActivityOptions } from '@temporalio/common';

/**
 * Lifecycle activities (plan, record, finish, finalize) heartbeat while they run (activities/
 * keep-alive.ts), so a worker that dies under one is noticed within the heartbeat timeout
 * (seconds) instead of its start-to-close timeout. Start-to-close stays sized to the work, as the
 * bound for an activity that hangs while still heartbeating.
 */
export const LIFECYCLE_HEARTBEAT_S = 10;

/** Options for a lifecycle activity whose work takes at most `startToCloseS` (retried elsewhere on loss). */
export function lifecycleOptions(startToCloseS: number, nonRetryableErrorTypes: string[]): ActivityOptions {
  return {
    startToCloseTimeout: `${startToCloseS} seconds`,
    heartbeatTimeout: `${LIFECYCLE_HEARTBEAT_S} seconds`,
    retry: { maximumAttempts: 5, initialInterval: '1 second', nonRetryableErrorTypes },
  };
}

/**
 * Work sizes. A few file writes: one minute. A unit's error row or a phase's outputs may first load
 * the suite cold on a new worker: ten minutes. Planning may compute HumanEval+ expected outputs
 * (a minute or more on 2 cores): thirty. The final report reads every row: ten.
 */
export const LIFECYCLE_WORK_S = { files: 60, coldSuite: 600, plan: 1800, report: 600 } as const;
