import type { Client } from '@temporalio/client';
import { storeQueueOf } from '../contract/store';
import { storeName } from '../workers/options';
import { CliError } from './errors';
import { unpolledQueues, WORKER_WAIT_MS } from './task-queue-pollers';

/**
 * Some worker serves the run's store queue (it polled within the server's poller window of a few
 * minutes): a run whose store nobody serves would wait forever before writing its first file.
 */
export async function checkStoreServed(client: Client, taskQueue: string, store: string, graceMs = WORKER_WAIT_MS): Promise<void> {
  const queue = storeQueueOf(taskQueue, store);
  const missing = await unpolledQueues(client, [queue], graceMs, () => process.stderr.write(`waiting up to ${graceMs / 1000} s for a worker of store ${store} (task queue ${queue})...\n`));
  if (missing.length) fail(taskQueue, store, queue);
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
