import { readFileSync } from 'node:fs';

/** kB fields of /proc/<pid>/status (VmHWM: peak resident set; VmRSS: now). Linux only. */
export function procStatusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Samples a process's peak RSS every `everyMs` (VmHWM is already a peak; sampling keeps the last seen before exit). */
export function peakRssSampler(pid: number, everyMs = 500): { stop(): number } {
  let peak = 0;
  const look = () => {
    const kb = procStatusKb(pid, 'VmHWM');
    if (kb !== null) peak = Math.max(peak, kb);
  };
  look();
  const t = setInterval(look, everyMs);
  return {
    stop() {
      clearInterval(t);
      look();
      return peak / 1024; // MB
    },
  };
}
