import { proxyActivities } from '@temporalio/workflow';
import type * as activities from '../activities';
import { LIFECYCLE_WORK_S, lifecycleOptions } from '../contract/lifecycle-timeouts';

type Acts = typeof activities;

/**
 * The activities that read or write the run's files, on its store queue (contract/store.ts) when
 * the run names a store, else on the workflow's own task queue (runs from before the store queue).
 * They set no schedule-to-start timeout: while the owner machine is down they wait in its queue
 * until a worker with that store name polls again, and nothing is written anywhere else.
 */
export function storeActivities(storeQueue: string | undefined, nonRetryable: string[]) {
  const on = (work_s: number) => proxyActivities<Acts>({ ...lifecycleOptions(work_s, nonRetryable), ...(storeQueue ? { taskQueue: storeQueue } : {}) });
  const files = on(LIFECYCLE_WORK_S.files);
  // recordCrash counts a phase's recorded units and error rows may load a suite cold.
  const cold = on(LIFECYCLE_WORK_S.coldSuite);
  return {
    prepareRun: cold.prepareRun,
    recordCrash: cold.recordCrash,
    recordUnitError: cold.recordUnitError,
    finishPhase: cold.finishPhase,
    markPhase: files.markPhase,
    recordWait: files.recordWait,
    recordRows: files.recordRows,
    planPhase: on(LIFECYCLE_WORK_S.plan).planPhase,
    finalizeRun: on(LIFECYCLE_WORK_S.report).finalizeRun,
  };
}
