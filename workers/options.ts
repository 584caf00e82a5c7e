/**
 * Worker settings shared by `gauntlet dev`, `gauntlet worker`, the CLI client and tests. Where
 * Temporal is (address, namespace, TLS, API key) comes from cli/connection.ts.
 */
export const DEFAULT_TASK_QUEUE = 'gauntlet';

export function defaultTaskQueue(): string {
  return process.env.GAUNTLET_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
}
