import type { RunConfig } from '../config/run-config';

interface Gate {
  /** Workflow time (ms) until which no unit of this provider starts. */
  held_until: number;
  /** Exponential backoff level: reset by a success. */
  level: number;
  /** Adaptive concurrency (AIMD): halved on a rate limit, +1/limit per success. */
  limit: number;
  inflight: number;
}

/**
 * Per-provider admission: one durable hold per provider on rate limits and usage exhaustion
 * (honouring retry-after, else exponential backoff), and AIMD concurrency so that a rate-limited
 * provider converges near its allowed rate instead of storming it. Deterministic: only workflow
 * time is read. Its snapshot travels through continue-as-new.
 */
export class ProviderGates {
  private constructor(
    private readonly gates: Record<string, Gate>,
    private readonly backoff: RunConfig['backoff'],
    private readonly caps: Record<string, number>,
    private readonly defaultCap: number,
  ) {}

  static restore(snap: { gates: Record<string, Gate> }, backoff: RunConfig['backoff'], defaultCap: number, caps: Record<string, number>): ProviderGates {
    const gates: Record<string, Gate> = {};
    for (const [k, g] of Object.entries(snap.gates)) gates[k] = { ...g, inflight: 0 };
    return new ProviderGates(gates, backoff, caps, defaultCap);
  }

  snapshot(): { gates: Record<string, Gate> } {
    return { gates: JSON.parse(JSON.stringify(this.gates)) };
  }

  private gate(p: string): Gate {
    return (this.gates[p] ??= { held_until: 0, level: 0, limit: this.cap(p), inflight: 0 });
  }

  private cap(p: string): number {
    return this.caps[p] ?? this.defaultCap;
  }

  isHeld(p: string): boolean {
    return Date.now() < this.gate(p).held_until;
  }

  /** Workflow time until which the provider is held (in the past when it is not). */
  heldUntil(p: string): number {
    return this.gate(p).held_until;
  }

  canStart(p: string): boolean {
    return this.room(p) > 0;
  }

  /** How many more units of the provider may start now. */
  room(p: string): number {
    const g = this.gate(p);
    return this.isHeld(p) ? 0 : Math.max(1, Math.floor(Math.min(g.limit, this.cap(p)))) - g.inflight;
  }

  started(p: string): void {
    this.gate(p).inflight++;
  }

  finished(p: string): void {
    this.gate(p).inflight--;
  }

  succeeded(p: string): void {
    const g = this.gate(p);
    g.level = 0;
    g.limit = Math.min(this.cap(p), g.limit + 1 / Math.max(1, g.limit));
  }

  /**
   * Holds the provider. Returns the wait when a new hold starts; null when one is already running
   * (a burst of 429s from in-flight units is one wait, not many).
   */
  hold(p: string, kind: 'rate_limited' | 'exhausted', retryAfterMs?: number): { seconds: number } | null {
    const g = this.gate(p);
    const now = Date.now();
    if (now < g.held_until) return null;
    if (kind === 'rate_limited') g.limit = Math.max(1, g.limit / 2);
    const b = this.backoff;
    const exp = Math.min(b.max_s, b.initial_s * Math.pow(b.multiplier, g.level)) * 1000;
    const waitMs = Math.max(retryAfterMs ?? 0, retryAfterMs !== undefined && kind === 'rate_limited' ? 0 : exp);
    g.level++;
    g.held_until = now + waitMs;
    return { seconds: waitMs / 1000 };
  }

  /** Time until the earliest hold ends, if any provider is held. */
  msUntilNextRelease(): number | undefined {
    const now = Date.now();
    let min: number | undefined;
    for (const g of Object.values(this.gates)) {
      if (g.held_until > now) min = Math.min(min ?? Infinity, g.held_until - now);
    }
    return min;
  }
}
