import { compareIds, listIds, sortIds } from './ids';
import { openRun } from './runs';
import { labelSlices, selectSlice, type RunSlice, type SliceOptions } from './slice';

/**
 * Fail sets: the task ids that failed in one or more runs, to re-run or study. A task counts as
 * failed in a run when no sample passed and one was scored wrong (outcomes.ts); with
 * `includeErrors`, tasks with only `error` rows count too. Ids absent from a run are listed under
 * `missing`, never taken as passed or failed.
 */

export type FailSetMode = 'union' | 'intersect';

export interface FailSetOptions {
  mode?: FailSetMode;
  includeErrors?: boolean;
}

export interface FailSetDetail {
  failed_in: string[];
  passed_in: string[];
  /** Runs where the task has only error rows (and they were not counted as failures). */
  error_in: string[];
  missing_in: string[];
  /** Per run: the distinct failure reasons (or `error: <kind>` for counted error rows). */
  reasons: Record<string, string>;
}

export interface FailSet {
  source_runs: string[];
  runs: Record<string, { output_dir: string; phase: string; arm: string; tasks: number; failed: number }>;
  mode: FailSetMode;
  include_errors: boolean;
  sample_ids: string[];
  /** Every id that failed in at least one run, selected or not. */
  details: Record<string, FailSetDetail>;
  /** Per run: ids that failed elsewhere but were not run here. */
  missing: Record<string, string[]>;
  notes: string[];
  created_at: string;
}

export function computeFailSet(slices: readonly RunSlice[], opts: FailSetOptions = {}): FailSet {
  const mode = opts.mode ?? 'union';
  const includeErrors = opts.includeErrors ?? false;
  const labels = labelSlices(slices);
  const counted = (o: string) => o === 'failed' || (includeErrors && o === 'error');

  const candidates = sortIds(slices.flatMap((s) => [...s.tasks.values()].filter((t) => counted(t.outcome)).map((t) => t.task_id)));
  const details: Record<string, FailSetDetail> = {};
  const missing: Record<string, string[]> = Object.fromEntries(labels.map((l) => [l, []]));
  for (const id of candidates) {
    const d: FailSetDetail = { failed_in: [], passed_in: [], error_in: [], missing_in: [], reasons: {} };
    slices.forEach((s, i) => {
      const label = labels[i]!;
      const t = s.tasks.get(id);
      if (!t) {
        d.missing_in.push(label);
        missing[label]!.push(id);
      } else if (counted(t.outcome)) {
        d.failed_in.push(label);
        d.reasons[label] = t.outcome === 'failed' ? t.reasons.join(', ') : `error: ${t.error_kinds.join(', ')}`;
      } else if (t.outcome === 'passed') d.passed_in.push(label);
      else d.error_in.push(label);
    });
    details[id] = d;
  }
  const sample_ids = candidates.filter((id) => (mode === 'union' ? true : details[id]!.failed_in.length === slices.length));

  const notes: string[] = [];
  const withMissing = candidates.filter((id) => details[id]!.missing_in.length > 0);
  if (withMissing.length) {
    notes.push(
      mode === 'intersect'
        ? `${withMissing.length} id(s) failed in some runs but are missing from others; an id missing from a run cannot be in the intersection, so they were left out (see "missing"): ${listIds(withMissing)}`
        : `${withMissing.length} id(s) in the union were not run in every run (see "missing"); absent means not run, not passed`,
    );
  }
  const withErrors = candidates.filter((id) => details[id]!.error_in.length > 0);
  if (withErrors.length) {
    notes.push(`${withErrors.length} id(s) have only error rows in some runs; errors are not failures (pass --include-errors to count them): ${listIds(withErrors)}`);
  }

  const runs: FailSet['runs'] = {};
  slices.forEach((s, i) => {
    runs[labels[i]!] = {
      output_dir: s.run.dir,
      phase: s.phase,
      arm: s.arm,
      tasks: s.tasks.size,
      failed: [...s.tasks.values()].filter((t) => counted(t.outcome)).length,
    };
  });
  for (const l of labels) missing[l]!.sort(compareIds);
  return { source_runs: labels, runs, mode, include_errors: includeErrors, sample_ids, details, missing, notes, created_at: new Date().toISOString() };
}

/** What `gauntlet fail-set` does: resolve each run, pick its slice, compute the set. */
export async function failSetFromRuns(refs: string[], opts: FailSetOptions & SliceOptions & { runsRoot?: string } = {}): Promise<FailSet> {
  const slices: RunSlice[] = [];
  for (const ref of refs) slices.push(selectSlice(await openRun(ref, { runsRoot: opts.runsRoot }), opts));
  return computeFailSet(slices, opts);
}

export function formatFailSetSummary(fs: FailSet): string {
  const lines = fs.source_runs.map((l) => {
    const r = fs.runs[l]!;
    return `  ${l}  phase ${r.phase}, arm ${r.arm}: ${r.failed} of ${r.tasks} tasks failed${fs.missing[l]!.length ? `, ${fs.missing[l]!.length} failed elsewhere but not run here` : ''}`;
  });
  const head = `${fs.sample_ids.length} sample id(s) in the ${fs.mode} of failures over ${fs.source_runs.length} run(s)${fs.include_errors ? ' (error rows counted as failures)' : ''}`;
  return [head, ...lines, ...fs.notes.map((n) => `note: ${n}`)].join('\n');
}
