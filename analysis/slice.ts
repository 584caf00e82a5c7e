import type { ResultRow } from '../config/results';
import { AnalysisError } from './errors';
import { taskResults, type TaskResult } from './outcomes';
import type { LoadedRun } from './runs';

export interface SliceOptions {
  phase?: string;
  arm?: string;
}

/** The rows of one (run, phase, arm): the unit that fail sets and comparisons work on. */
export interface RunSlice {
  run: LoadedRun;
  phase: string;
  arm: string;
  rows: ResultRow[];
  tasks: Map<string, TaskResult>;
}

/**
 * Picks the phase and arm. Without --phase: the only phase that has rows, else the only
 * `benchmark` phase among them. Without --arm: the only arm of that phase. Anything else is
 * ambiguous and an error that lists the choices: silently merging arms would mix two models.
 */
export function selectSlice(run: LoadedRun, opts: SliceOptions = {}): RunSlice {
  const rows = run.results.rows;
  const where = `run ${run.run_id} (${run.dir})`;
  const kindOf = (p: string) => run.plan.find((x) => x.name === p)?.kind ?? run.record?.phases.find((x) => x.name === p)?.kind;
  const rowPhases = distinct(rows.map((r) => r.phase));
  const knownPhases = distinct([...rowPhases, ...run.plan.map((p) => p.name), ...(run.record?.phases ?? []).map((p) => p.name)]);
  const describe = (ps: string[]) =>
    ps.map((p) => `${p} (${kindOf(p) ?? 'kind unknown'}, ${rows.filter((r) => r.phase === p).length} rows)`).join(', ') || 'none';

  let phase = opts.phase;
  if (phase !== undefined) {
    if (!knownPhases.includes(phase)) throw new AnalysisError(`${where} has no phase "${phase}"; its phases: ${describe(knownPhases)}`);
  } else if (rowPhases.length === 1) {
    phase = rowPhases[0]!;
  } else if (rowPhases.length === 0) {
    throw new AnalysisError(`${where} has no result rows yet (results.jsonl is empty or missing); nothing to analyse`);
  } else {
    const bench = rowPhases.filter((p) => kindOf(p) === 'benchmark');
    if (bench.length !== 1) throw new AnalysisError(`${where} has rows for several phases: ${describe(rowPhases)}; choose one with --phase`);
    phase = bench[0]!;
  }

  const phaseRows = rows.filter((r) => r.phase === phase);
  const rowArms = distinct(phaseRows.map((r) => r.arm));
  const knownArms = distinct([...rowArms, ...(run.plan.find((p) => p.name === phase)?.arms ?? [])]);
  let arm = opts.arm;
  if (arm !== undefined) {
    if (!knownArms.includes(arm)) throw new AnalysisError(`${where}, phase ${phase} has no arm "${arm}"; its arms: ${knownArms.join(', ') || 'none'}`);
  } else if (knownArms.length === 1) {
    arm = knownArms[0]!;
  } else if (knownArms.length === 0) {
    throw new AnalysisError(`${where}, phase ${phase} has no result rows and no planned arms; nothing to analyse`);
  } else {
    throw new AnalysisError(`${where}, phase ${phase} has several arms: ${knownArms.join(', ')}; choose one with --arm`);
  }

  const sliceRows = phaseRows.filter((r) => r.arm === arm);
  return { run, phase, arm, rows: sliceRows, tasks: taskResults(sliceRows) };
}

function distinct<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Unique labels for runs in outputs: the run id, with `#2`, `#3` when the same id comes again. */
export function labelSlices(slices: readonly RunSlice[]): string[] {
  const seen = new Map<string, number>();
  return slices.map((s) => {
    const n = (seen.get(s.run.run_id) ?? 0) + 1;
    seen.set(s.run.run_id, n);
    return n === 1 ? s.run.run_id : `${s.run.run_id}#${n}`;
  });
}
