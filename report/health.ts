import type { CrashEvent, RunRecord } from '../config/run-record';
import type { Counts, RunHealth } from './types';

export const DEFAULT_STRIKE_LIMIT = 3;

/**
 * The Run Health section: what it cost to get the results (crashes, retried phases, strikes,
 * quota waits, resumes, wall-clock time). Everything comes from run.json and crash_log.json;
 * a missing run.json gives zeros, not an error, so a report can always be written.
 */
export function computeHealth(record: RunRecord | null, crashes: readonly CrashEvent[], strikeLimit = DEFAULT_STRIKE_LIMIT): RunHealth {
  const byPhase: Counts = {};
  for (const c of crashes) byPhase[c.phase] = (byPhase[c.phase] ?? 0) + 1;

  const phases = record?.phases ?? [];
  const phaseStates: Counts = {};
  for (const p of phases) phaseStates[p.state] = (phaseStates[p.state] ?? 0) + 1;

  const waits = { exhausted: { count: 0, total_s: 0 }, rate_limited: { count: 0, total_s: 0 }, total_s: 0 };
  for (const w of record?.waits ?? []) {
    waits[w.failure_class].count++;
    waits[w.failure_class].total_s += w.wait_s;
    waits.total_s += w.wait_s;
  }

  return {
    crashes: { total: crashes.length, by_phase: byPhase, events: [...crashes] },
    retried_phases: phases.filter((p) => p.attempts > 1).map((p) => ({ name: p.name, attempts: p.attempts, state: p.state })),
    strike_limit_phases: phases
      .filter((p) => p.state === 'failed' && p.attempts >= strikeLimit)
      .map((p) => ({ name: p.name, attempts: p.attempts, message: p.message ?? null })),
    strike_limit: strikeLimit,
    waits,
    wall_clock_s: record ? secondsBetween(record.created_at, record.ended_at ?? record.updated_at) : null,
    resume_events: (record?.resume_events ?? []).map((r) => ({
      resumed_at: r.resumed_at,
      tasks_skipped: r.tasks_skipped,
      tasks_remaining: r.tasks_remaining,
      previous_crash_exit_code: r.previous_crash_exit_code,
    })),
    phase_states: phaseStates,
  };
}

function secondsBetween(from: string, to: string): number | null {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return Number.isFinite(a) && Number.isFinite(b) ? Math.max(0, (b - a) / 1000) : null;
}
