import type { RunProgress } from '../contract/messages';

/** One status line for `run --wait`: overall bar plus the running phase's counters. */
export function progressLine(p: RunProgress, width = 30): string {
  let total = 0;
  let done = 0;
  let passed = 0;
  let failed = 0;
  let errors = 0;
  for (const ph of p.phases)
    for (const c of Object.values(ph.arms)) {
      total += c.total;
      done += c.done;
      passed += c.passed;
      failed += c.failed;
      errors += c.errors;
    }
  const frac = total ? done / total : 0;
  const filled = Math.round(frac * width);
  const cur = p.phases.find((x) => x.name === p.current_phase);
  const eta = cur?.eta_s != null ? ` · ETA ${fmtDuration(cur.eta_s)}` : '';
  const waits = cur && cur.waits.count ? ` · waited ${cur.waits.count}x (${Math.round(cur.waits.total_s)} s)` : '';
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} · ✓${passed} ✗${failed} !${errors} · ${p.state}${cur ? ` · ${cur.name}` : ''}${eta}${waits}`;
}

export function fmtDuration(s: number): string {
  if (s < 90) return `${Math.round(s)}s`;
  if (s < 5400) return `${Math.round(s / 60)}m`;
  return `${(s / 3600).toFixed(1)}h`;
}
