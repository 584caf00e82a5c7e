/**
 * Fault plans of the simulated API: `KIND:A-B` (request ordinals A..B, 1-based, counted over
 * both APIs), `KIND:pX` (each request with probability X, deterministic per ordinal so a
 * run is reproducible) or `KIND:@A-Bs` (every request from A to B seconds after the plan was
 * installed: a quota window), comma-separated, first match wins. `KIND:N` is short for `KIND:N-N`.
 */
export const FAULT_KINDS = ['429', 'quota', '529', '500', 'hang', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export type FaultRule = { kind: FaultKind; from: number; to: number } | { kind: FaultKind; p: number } | { kind: FaultKind; fromS: number; toS: number };

export function parseFaults(spec: string | undefined): FaultRule[] {
  if (!spec || !spec.trim()) return [];
  return spec.split(',').map((raw) => {
    const item = raw.trim();
    const m = /^([a-z0-9]+):(?:(\d+)(?:-(\d+))?|p(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)|@(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)s)$/.exec(item);
    if (!m || !(FAULT_KINDS as readonly string[]).includes(m[1]!)) {
      throw new Error(
        `fault "${item}" is not understood: expected KIND:A-B (request ordinals, 1-based), KIND:pX (probability 0..1) or KIND:@A-Bs (seconds after the plan is installed), ` +
          `KIND one of ${FAULT_KINDS.join(', ')}; e.g. --faults 429:1-3,500:p0.05,quota:@5-25s`,
      );
    }
    const kind = m[1] as FaultKind;
    if (m[4] !== undefined) return { kind, p: Number(m[4]) };
    if (m[5] !== undefined) {
      const [fromS, toS] = [Number(m[5]), Number(m[6])];
      if (toS < fromS) throw new Error(`fault "${item}": the window must have A <= B seconds`);
      return { kind, fromS, toS };
    }
    const from = Number(m[2]);
    const to = m[3] !== undefined ? Number(m[3]) : from;
    if (from < 1 || to < from) throw new Error(`fault "${item}": the range must be 1-based with A <= B`);
    return { kind, from, to };
  });
}

export function faultFor(rules: FaultRule[], ordinal: number, elapsedS = 0): FaultKind | undefined {
  for (const r of rules) {
    const hit = 'p' in r ? unitHash(`${r.kind}:${ordinal}`) < r.p : 'fromS' in r ? elapsedS >= r.fromS && elapsedS < r.toS : ordinal >= r.from && ordinal <= r.to;
    if (hit) return r.kind;
  }
  return undefined;
}

/** A deterministic number in [0, 1) for a string (FNV-1a). */
export function unitHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // FNV-1a alone leaves consecutive ordinals with nearby hashes; a murmur3 finalizer spreads them,
  // so `KIND:pX` faults land independently rather than in all-or-nothing runs.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 0x1_0000_0000;
}
