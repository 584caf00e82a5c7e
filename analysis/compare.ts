import { compareIds, listIds } from './ids';
import { mcnemarExact } from './mcnemar';
import { formatRate, rate, type TaskResult } from './outcomes';
import { openRun } from './runs';
import { selectSlice, type RunSlice } from './slice';

/**
 * Paired, per-task comparison of two slices (two runs, or two arms of one run). Only tasks scored
 * in both (passed or failed, per outcomes.ts) are paired; tasks with only error rows on either
 * side, or run on one side only, are listed apart and kept out of the test.
 */

export interface CompareSide {
  run_id: string;
  output_dir: string;
  phase: string;
  arm: string;
  /** Tasks with a scored outcome in this slice, and its task-level pass rate over them. */
  tasks_scored: number;
  tasks_passed: number;
  pass_rate: number | null;
}

export interface Comparison {
  a: CompareSide;
  b: CompareSide;
  paired: {
    tasks: number;
    pass_rate_a: number | null;
    pass_rate_b: number | null;
    both_passed: number;
    both_failed: string[];
    /** Failed in A, passed in B. */
    fixed: string[];
    /** Passed in A, failed in B. */
    broken: string[];
  };
  /** McNemar exact on the discordant pairs: b = broken, c = fixed. */
  mcnemar: { b: number; c: number; p_value: number };
  excluded: {
    only_in_a: string[];
    only_in_b: string[];
    /** Tasks present in both whose outcome is `error` (only error rows) on at least one side. */
    errors_only: string[];
  };
}

/** The paired outcome of two task maps: what compareSlices and the reports' per-category tests share. */
export interface Pairing {
  paired: Comparison['paired'];
  mcnemar: Comparison['mcnemar'];
  excluded: Comparison['excluded'];
}

export function pairTasks(a: ReadonlyMap<string, TaskResult>, b: ReadonlyMap<string, TaskResult>): Pairing {
  const fixed: string[] = [];
  const broken: string[] = [];
  const bothFailed: string[] = [];
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  const errorsOnly: string[] = [];
  let bothPassed = 0;
  for (const [id, ta] of a) {
    const tb = b.get(id);
    if (!tb) onlyA.push(id);
    else if (ta.outcome === 'error' || tb.outcome === 'error') errorsOnly.push(id);
    else if (ta.outcome === 'passed' && tb.outcome === 'passed') bothPassed++;
    else if (ta.outcome === 'failed' && tb.outcome === 'failed') bothFailed.push(id);
    else if (ta.outcome === 'failed') fixed.push(id);
    else broken.push(id);
  }
  for (const id of b.keys()) if (!a.has(id)) onlyB.push(id);
  const paired = bothPassed + bothFailed.length + fixed.length + broken.length;
  const sorted = (xs: string[]) => xs.sort(compareIds);
  return {
    paired: {
      tasks: paired,
      pass_rate_a: rate(bothPassed + broken.length, paired),
      pass_rate_b: rate(bothPassed + fixed.length, paired),
      both_passed: bothPassed,
      both_failed: sorted(bothFailed),
      fixed: sorted(fixed),
      broken: sorted(broken),
    },
    mcnemar: { b: broken.length, c: fixed.length, p_value: mcnemarExact(broken.length, fixed.length) },
    excluded: { only_in_a: sorted(onlyA), only_in_b: sorted(onlyB), errors_only: sorted(errorsOnly) },
  };
}

export function compareSlices(a: RunSlice, b: RunSlice): Comparison {
  return { a: side(a), b: side(b), ...pairTasks(a.tasks, b.tasks) };
}

function side(s: RunSlice): CompareSide {
  const scored = [...s.tasks.values()].filter((t) => t.outcome !== 'error');
  const passed = scored.filter((t) => t.outcome === 'passed').length;
  return { run_id: s.run.run_id, output_dir: s.run.dir, phase: s.phase, arm: s.arm, tasks_scored: scored.length, tasks_passed: passed, pass_rate: rate(passed, scored.length) };
}

export interface CompareRunsOptions {
  phase?: string;
  /** Arm of run A; also of run B unless armB is given. */
  arm?: string;
  armB?: string;
  runsRoot?: string;
}

/** What `gauntlet compare` does. The same reference twice with two arms compares arms of one run. */
export async function compareRuns(refA: string, refB: string, opts: CompareRunsOptions = {}): Promise<Comparison> {
  const runA = await openRun(refA, { runsRoot: opts.runsRoot });
  const runB = refB === refA ? runA : await openRun(refB, { runsRoot: opts.runsRoot });
  const a = selectSlice(runA, { phase: opts.phase, arm: opts.arm });
  const b = selectSlice(runB, { phase: opts.phase, arm: opts.armB ?? opts.arm });
  return compareSlices(a, b);
}

export function formatComparison(c: Comparison): string {
  const name = (s: CompareSide) => `${s.run_id} ${s.phase}/${s.arm}`;
  const wa = Math.max(name(c.a).length, name(c.b).length, 4);
  const row = (label: string, s: CompareSide, paired: number | null) =>
    `  ${label}  ${name(s).padEnd(wa)}  ${formatRate(s.pass_rate).padStart(9)}  ${`${s.tasks_passed}/${s.tasks_scored}`.padEnd(9)}  ${formatRate(paired).padStart(14)}`;
  const p = c.paired;
  const lines = [
    `     ${'run'.padEnd(wa)}  ${'pass rate'.padStart(9)}  ${'tasks'.padEnd(9)}  ${'on paired set'.padStart(14)}`,
    row('A', c.a, p.pass_rate_a),
    row('B', c.b, p.pass_rate_b),
    '',
    `paired tasks: ${p.tasks}  both passed: ${p.both_passed}  both failed: ${p.both_failed.length}  fixed (A failed, B passed): ${p.fixed.length}  broken (A passed, B failed): ${p.broken.length}`,
    `McNemar exact (b=${c.mcnemar.b}, c=${c.mcnemar.c}): p = ${formatP(c.mcnemar.p_value)}${c.mcnemar.b + c.mcnemar.c === 0 ? ' (no discordant pairs)' : ''}`,
  ];
  if (p.fixed.length) lines.push(`fixed: ${listIds(p.fixed)}`);
  if (p.broken.length) lines.push(`broken: ${listIds(p.broken)}`);
  const x = c.excluded;
  if (x.only_in_a.length) lines.push(`excluded, only in A: ${listIds(x.only_in_a)}`);
  if (x.only_in_b.length) lines.push(`excluded, only in B: ${listIds(x.only_in_b)}`);
  if (x.errors_only.length) lines.push(`excluded, only error rows on a side (re-runnable): ${listIds(x.errors_only)}`);
  return lines.join('\n');
}

export function formatP(p: number): string {
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(2);
}
