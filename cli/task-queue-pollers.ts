import type { Client } from '@temporalio/client';

/** Temporal's enum values (temporal.api.enums.v1), spelled out to avoid a direct dependency on the proto package. */
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE_ACTIVITY = 2;
const POLL_MS = 500;
/** How long `gauntlet run` waits for a worker started a moment ago (`gauntlet worker & gauntlet run ...`) to poll; $GAUNTLET_STORE_WAIT_S overrides. */
export const WORKER_WAIT_MS = Number(process.env.GAUNTLET_STORE_WAIT_S ?? 30) * 1000;

/** Whether some worker polled the activity task queue recently (the server's poller window is a few minutes). */
export async function activityQueuePolled(client: Client, queue: string): Promise<boolean> {
  const res = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: queue, kind: TASK_QUEUE_KIND_NORMAL },
    taskQueueType: TASK_QUEUE_TYPE_ACTIVITY,
  });
  return (res.pollers ?? []).length > 0;
}

/**
 * The queues no worker polls, after waiting up to `graceMs` for them (a worker started a moment
 * ago, `gauntlet worker & gauntlet run ...`, may not have polled yet). `onWait` is told once.
 */
export async function unpolledQueues(client: Client, queues: readonly string[], graceMs: number, onWait?: (queues: string[]) => void): Promise<string[]> {
  const t0 = Date.now();
  let missing = [...queues];
  let said = false;
  for (;;) {
    const polled = await Promise.all(missing.map((q) => activityQueuePolled(client, q)));
    missing = missing.filter((_, i) => !polled[i]);
    if (missing.length === 0 || Date.now() - t0 >= graceMs) return missing;
    if (!said) onWait?.(missing);
    said = true;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
