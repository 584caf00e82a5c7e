import os from 'node:os';
/**
 * Worker settings shared by `gauntlet dev`, `gauntlet worker`, the CLI client and tests. Where
 * Temporal is (address, namespace, TLS, API key) comes from cli/connection.ts.
 */
export const DEFAULT_TASK_QUEUE = 'gauntlet';

export function defaultTaskQueue(): string {
  return process.env.GAUNTLET_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
}

/**
 * The store a worker serves and a run is owned by: the machine whose disk holds the run's files.
 * Workers on one machine share it (they share the disk); set GAUNTLET_STORE (or --store) when the
 * hostname is not stable or two "machines" share a hostname (containers, namespaces).
 */
export function storeName(): string {
  return process.env.GAUNTLET_STORE || os.hostname();
}
