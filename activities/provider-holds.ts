/**
 * Rate limits and exhaustion seen by this worker's batches, per provider key. A `width` batch
 * starts its next unit only while its provider is not held here, so a 429 in one batch stops the
 * others in this process at once instead of at their own next 429. The phase's ProviderGates stay
 * the authority (they hold the provider for every worker and record the wait); this only keeps a
 * running batch from calling into a hold the phase has not been told of yet.
 */
const holds = new Map<string, { since: number; until: number }>();

/** Without a Retry-After, a hold this long here: the phase answers with its own backoff anyway. */
const DEFAULT_HOLD_MS = 1000;

export function holdHere(provider: string, retryAfterMs: number | undefined): void {
  const now = Date.now();
  holds.set(provider, { since: now, until: Math.max(holds.get(provider)?.until ?? 0, now + (retryAfterMs ?? DEFAULT_HOLD_MS)) });
}

/**
 * Whether a hold of `provider` began here at or after `sinceMs` and still lasts. A batch asks
 * about holds since its own start: one dispatched after the phase released the provider does not
 * hand its units back for a hold the phase has already waited out.
 */
export function heldHereSince(provider: string, sinceMs: number): boolean {
  const h = holds.get(provider);
  if (!h) return false;
  if (h.until <= Date.now()) {
    holds.delete(provider);
    return false;
  }
  return h.since >= sinceMs;
}
