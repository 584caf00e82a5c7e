import type { Rng } from './rng';

/** Fault plans switched on at random moments through the simulated API's POST /__config. */
export const FAULT_PLANS = {
  /** A 429 storm: every request rate-limited (retry-after 1 s). p1, not a fraction: the mock's per-ordinal hash clusters. */
  storm429: { faults: '429:p1' },
  /** A tight real rate limit (2 req/s, sliding window, 429 with retry-after). */
  ratelimit: { faults: '', rate_limit: 2 },
  /** Usage exhaustion: every request answers insufficient_quota until the window ends. */
  quota: { faults: 'quota:p1' },
  /** Hangs: some requests never answer; the client's timeout (GAUNTLET_MODEL_TIMEOUT_MS) ends them. */
  hang: { faults: 'hang:p0.2' },
} as const;
export type FaultPlan = keyof typeof FAULT_PLANS;
const HEALTHY = { faults: '', rate_limit: null };

export async function setFaults(url: string, config: { faults?: string; rate_limit?: number | null }): Promise<void> {
  const res = await fetch(`${url}/__config`, { method: 'POST', body: JSON.stringify(config), signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`POST ${url}/__config: HTTP ${res.status} ${await res.text()}`);
}

export interface MockStatsLite {
  total: number;
  ok: number;
  faults: Record<string, number>;
  rate_limited: number;
}

export async function mockStats(url: string): Promise<MockStatsLite> {
  const res = await fetch(`${url}/__stats`, { signal: AbortSignal.timeout(5000) });
  return (await res.json()) as MockStatsLite;
}

/**
 * Switches fault windows on and off at seeded random moments until stopped, then leaves the API
 * healthy so the run can finish. Windows are short (seconds): long enough to trip backoff.
 */
export function faultToggler(url: string, rng: Rng, o: { plans?: FaultPlan[]; onMs?: [number, number]; offMs?: [number, number] } = {}) {
  const plans = o.plans ?? (Object.keys(FAULT_PLANS) as FaultPlan[]);
  const [onLo, onHi] = o.onMs ?? [1500, 4000];
  const [offLo, offHi] = o.offMs ?? [2000, 6000];
  const windows: Record<string, number> = {};
  let stopped = false;
  let wake: (() => void) | null = null;
  const nap = (ms: number) =>
    new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      wake = () => {
        clearTimeout(t);
        r();
      };
    });
  const loop = (async () => {
    // Bounded: at most 1,000 windows, far more than any scenario lasts.
    for (let i = 0; i < 1000 && !stopped; i++) {
      // The first window opens as the run starts (a 429 storm or exhaustion), so every scenario
      // meets rate limits however short it is; later ones at random moments.
      await nap(i === 0 ? rng.between(100, 500) : rng.between(offLo, offHi));
      if (stopped) break;
      const first = plans.filter((p) => p === 'storm429' || p === 'quota');
      const plan = i === 0 && first.length ? rng.pick(first) : rng.pick(plans);
      windows[plan] = (windows[plan] ?? 0) + 1;
      await setFaults(url, FAULT_PLANS[plan]).catch(() => undefined);
      if (i === 0) {
        // The first window stays open until the API has refused a few calls (bounded: 30 s),
        // however long the workers take to reach their first model call.
        const t0 = Date.now();
        while (!stopped && Date.now() - t0 < 30_000 && refusals(await mockStats(url).catch(() => null)) < 3) await nap(200);
      }
      await nap(rng.between(onLo, onHi));
      await setFaults(url, HEALTHY).catch(() => undefined);
    }
  })();
  return {
    windows,
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
      await setFaults(url, HEALTHY).catch(() => undefined);
    },
  };
}

/** 429s and quota answers: what must never become a row. */
export function refusals(s: MockStatsLite | null): number {
  return s ? (s.faults['429'] ?? 0) + (s.faults.quota ?? 0) + s.rate_limited : 0;
}
