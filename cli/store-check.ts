import type { Client } from '@temporalio/client';
import { storeQueueOf } from '../contract/store';
import { storeName } from '../workers/options';
import { CliError } from './errors';

/** Temporal's enum values (temporal.api.enums.v1), spelled out to avoid a direct dependency on the proto package. */
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;

/** A worker started a moment ago (`gauntlet worker & gauntlet run ...`) may not have polled yet ($GAUNTLET_STORE_WAIT_S overrides). */
const GRACE_MS = Number(process.env.GAUNTLET_STORE_WAIT_S ?? 30) * 1000;
const POLL_MS = 500;

/**
 * Some worker serves the run's store queue (it polled within the server's poller window of a few
 * minutes): a run whose store nobody serves would wait forever before writing its first file.
 */
export async function checkStoreServed(client: Client, taskQueue: string, store: string, graceMs = GRACE_MS): Promise<void> {
  const queue = storeQueueOf(taskQueue, store);
  const served = async () => {
    const res = await client.workflowService.describeTaskQueue({
      namespace: client.options.namespace,
      taskQueue: { name: queue, kind: TASK_QUEUE_KIND_NORMAL },
      taskQueueType: TASK_QUEUE_TYPE_ACTIVITY,
    });
    return (res.pollers ?? []).length > 0;
  };
  const t0 = Date.now();
  let said = false;
  while (!(await served())) {
    if (Date.now() - t0 >= graceMs) return fail(taskQueue, store, queue);
    if (!said) process.stderr.write(`waiting up to ${graceMs / 1000} s for a worker of store ${store} (task queue ${queue})...\n`);
    said = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function fail(taskQueue: string, store: string, queue: string): never {
  const here = store === storeName();
  throw new CliError(
    `no worker serves store ${store} (task queue ${queue}), so nothing could write this run's files. ` +
      (here
        ? `Start one on this machine: \`gauntlet worker --task-queue ${taskQueue}\` (or \`gauntlet dev\`), then run this again.`
        : `Start \`gauntlet worker --store ${store} --task-queue ${taskQueue}\` on the machine that should hold the files, or drop --store to keep them on this one (store ${storeName()}).`),
  );
}
