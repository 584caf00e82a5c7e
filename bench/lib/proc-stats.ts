import { readdirSync, readFileSync } from 'node:fs';

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

const TICK_S = 0.01; // USER_HZ is 100 on Linux

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  cpuS: number;
}

function readStat(pid: number): Stat | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = s.lastIndexOf(')');
    const comm = s.slice(s.indexOf('(') + 1, close);
    const f = s.slice(close + 2).split(' ');
    // After "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based from pid.
    const n = (i: number) => Number(f[i - 3]);
    return { pid, ppid: n(4), comm, cpuS: (n(14) + n(15) + n(16) + n(17)) * TICK_S };
  } catch {
    return null;
  }
}

/**
 * CPU seconds (user + system, including reaped children) of a process and everything below it,
 * grouped by command name: where a run's CPU goes on a machine whose cores are the limit.
 */
export function treeCpuS(root: number): Map<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is Stat => s !== null);
  const kids = new Map<number, Stat[]>();
  for (const s of all) {
    const k = kids.get(s.ppid);
    if (k) k.push(s);
    else kids.set(s.ppid, [s]);
  }
  const out = new Map<string, number>();
  const walk = (s: Stat) => {
    out.set(s.comm, (out.get(s.comm) ?? 0) + s.cpuS);
    for (const k of kids.get(s.pid) ?? []) walk(k);
  };
  const r = all.find((s) => s.pid === root);
  if (r) walk(r);
  return out;
}

/** The CPU a process tree spent between two treeCpuS snapshots, per command name. */
export function cpuSince(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of after) out[k] = Math.round((v - (before.get(k) ?? 0)) * 100) / 100;
  return out;
}
