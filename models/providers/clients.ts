/**
 * SDK clients hold keep-alive connection pools: one per (provider, key, endpoint) per worker
 * process, instead of a new pool per call.
 */
const clients = new Map<string, unknown>();

export function memoClient<T>(provider: string, parts: (string | undefined)[], make: () => T): T {
  const key = JSON.stringify([provider, ...parts]);
  let c = clients.get(key) as T | undefined;
  if (!c) {
    c = make();
    clients.set(key, c);
  }
  return c;
}
