/**
 * EvalPlus's time and memory limits (evalplus 0.3.1: evalplus/config.py, evalplus/eval/__init__.py
 * `untrusted_check`), applied per input and measured in CPU time instead of wall time:
 * - each input may take max(1 s, 4x the canonical solution's time on that input);
 * - each of the base and plus checks is capped at min(60 s, sum of its input limits) + 1 s;
 * - 4 GB of address space.
 * EvalPlus measures both on the wall clock, so its verdicts on slow-ish code move with the
 * machine's load; Gauntlet's CPU-time limits do not. The wall clock stays as a backstop for
 * programs that wait instead of computing, generous enough that load never reaches it.
 */

export const EVALPLUS_MIN_TIME_LIMIT_S = 1;
export const EVALPLUS_GT_TIME_LIMIT_FACTOR = 4;
export const EVALPLUS_TIMEOUT_PER_CHECK_S = 60;
/** EvalPlus: min(4 GB, the machine's RAM) of RLIMIT_AS (EVALPLUS_MAX_MEMORY_BYTES). */
export const EVALPLUS_MEMORY_MB = 4096;
/** Wall-clock backstop of a whole program: this factor times its CPU cap, plus the slack. */
const WALL_FACTOR = 2;
const WALL_SLACK_S = 10;

/** Per-input CPU limits in seconds (to the millisecond, rounded up) from ground-truth CPU times. */
export function inputLimitsS(groundTruthS: readonly number[]): number[] {
  return groundTruthS.map((t) => Math.ceil(Math.max(EVALPLUS_MIN_TIME_LIMIT_S, EVALPLUS_GT_TIME_LIMIT_FACTOR * t) * 1000) / 1000);
}

/** The cap of one check (base or plus inputs) over its input limits. */
export function checkCapS(limitsS: readonly number[]): number {
  return Math.min(EVALPLUS_TIMEOUT_PER_CHECK_S, limitsS.reduce((a, b) => a + b, 0)) + 1;
}

/** A whole test program's limits: CPU = the sum of its checks' caps; wall = the backstop over it. */
export function programLimits(checks: readonly (readonly number[])[]): { cpu_timeout_s: number; timeout_s: number; memory_mb: number } {
  const cpu = Math.ceil(checks.reduce((a, c) => a + checkCapS(c), 0));
  return { cpu_timeout_s: cpu, timeout_s: WALL_FACTOR * cpu + WALL_SLACK_S, memory_mb: EVALPLUS_MEMORY_MB };
}
