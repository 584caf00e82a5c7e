/** Connection and worker settings shared by `gauntlet dev`, `gauntlet worker`, the CLI client and tests. */
export const DEFAULT_TASK_QUEUE = 'gauntlet';
export const DEFAULT_NAMESPACE = 'default';

export function defaultAddress(): string {
  return process.env.TEMPORAL_ADDRESS ?? 'localhost:7233';
}

export function defaultNamespace(): string {
  return process.env.TEMPORAL_NAMESPACE ?? DEFAULT_NAMESPACE;
}

export function defaultTaskQueue(): string {
  return process.env.GAUNTLET_TASK_QUEUE ?? DEFAULT_TASK_QUEUE;
}
