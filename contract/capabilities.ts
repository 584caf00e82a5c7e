/**
 * What a unit needs from the worker that runs it, beyond the shared task queue: a library
 * environment built on that machine (BigCodeBench's), a provider's API key in its environment.
 * Units that need something go to a capability task queue that only workers able to serve it
 * poll, so a unit never lands on a machine that would fail it. Plain data: the plan carries it,
 * the workflow names the queue from it, the worker and the CLI name the same queues.
 */
export interface Need {
  environment?: string;
  provider?: string;
}

/** `<taskQueue>@env=<environment>@provider=<provider>` (each part only when needed); the queue itself for no need. */
export function capabilityQueue(taskQueue: string, need: Need | null | undefined): string {
  if (!need) return taskQueue;
  return `${taskQueue}${need.environment ? `@env=${need.environment}` : ''}${need.provider ? `@provider=${need.provider}` : ''}`;
}

export const isNeed = (n: Need | null | undefined): n is Need => Boolean(n && (n.environment || n.provider));
