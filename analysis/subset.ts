import { AnalysisError } from './errors';
import { coverageSubset, type CoverageResult } from './coverage-subset';
import { mulberry32, shuffle } from './prng';

/**
 * Reproducible subsets of a suite. `first`: the first N tasks. `random`: N tasks drawn with a
 * seeded PRNG. `stratified`: N tasks spread over strata in proportion to their sizes (largest
 * remainder), drawn at random within each stratum. Output ids are in suite order, in the same
 * shape as a fail set so `gauntlet run --sample-ids` reads both.
 */

export const SUBSET_STRATEGIES = ['first', 'random', 'stratified'] as const;
export type SubsetStrategy = (typeof SUBSET_STRATEGIES)[number];

export interface SubsetOptions {
  size: number;
  strategy?: SubsetStrategy;
  /** Default 0; recorded in the output so the subset can be made again. */
  seed?: number;
  /** Task field to stratify by (default `category`); a list-valued field (libs) selects for coverage (analysis/coverage-subset.ts). */
  by?: string;
  /** Only these tasks may be chosen (e.g. those whose canonical solution passed every validate repeat). */
  eligible?: { ids: ReadonlySet<string>; from: string };
}

export interface Subset {
  suite: string;
  strategy: SubsetStrategy;
  seed: number | null;
  size: number;
  /** Stratified only: what was stratified on, and the strata with their sizes and picks. */
  by?: string;
  strata?: Record<string, { tasks: number; chosen: number }>;
  /** List-valued `by`: difficulty tiers chosen and how much of the field (and domains) the subset covers. */
  coverage?: Omit<CoverageResult, 'ids'>;
  /** Where the eligible tasks came from, and how many there were. */
  eligible?: { from: string; tasks: number };
  source_runs: string[];
  sample_ids: string[];
  created_at: string;
}

type TaskLike = { task_id: string };

export function makeSubset(allTasks: readonly TaskLike[], suite: string, opts: SubsetOptions): Subset {
  let tasks = allTasks;
  const strategy = opts.strategy ?? 'first';
  const { size } = opts;
  if (!Number.isInteger(size) || size < 1) throw new AnalysisError(`--size must be a positive integer, got ${size}`);
  if (size > tasks.length) throw new AnalysisError(`--size ${size} is larger than suite ${suite}, which has ${tasks.length} tasks`);
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) throw new AnalysisError(`--seed must be an integer, got ${seed}`);
  if (opts.eligible) {
    const all = tasks.length;
    tasks = tasks.filter((t) => opts.eligible!.ids.has(t.task_id));
    if (size > tasks.length) throw new AnalysisError(`--size ${size} is larger than the ${tasks.length} of ${all} tasks of ${suite} that ${opts.eligible.from} allows`);
  }
  const eligible = opts.eligible ? { eligible: { from: opts.eligible.from, tasks: tasks.length } } : {};
  const indexed = tasks.map((t, i) => ({ t, i }));
  const base = { suite, strategy, size, source_runs: [], ...eligible, created_at: new Date().toISOString() };

  if (strategy === 'first') return { ...base, seed: null, sample_ids: tasks.slice(0, size).map((t) => t.task_id) };
  const rand = mulberry32(seed);
  if (strategy === 'random') return { ...base, seed, sample_ids: inSuiteOrder(shuffle(indexed, rand).slice(0, size)) };

  const listField = opts.by && tasks.some((t) => Array.isArray((t as Record<string, unknown>)[opts.by!]));
  if (listField) {
    const field = opts.by!;
    const list = (t: TaskLike, f: string) => ((t as Record<string, unknown>)[f] as unknown[] | undefined)?.map(String) ?? [];
    const r = coverageSubset(
      tasks.map((t) => ({ task_id: t.task_id, values: list(t, field), domains: list(t, 'domains'), solutionChars: solutionChars(t) })),
      size,
      seed,
    );
    const { ids, ...coverage } = r;
    return { ...base, seed, by: field, coverage, sample_ids: ids };
  }
  const { by, key } = stratifier(tasks, opts.by ?? 'category');
  const groups = new Map<string, { t: TaskLike; i: number }[]>();
  for (const x of indexed) {
    const k = key(x.t);
    const g = groups.get(k);
    if (g) g.push(x);
    else groups.set(k, [x]);
  }
  const names = [...groups.keys()];
  const quotas = allocateProportional(names.map((n) => groups.get(n)!.length), size);
  const strata: NonNullable<Subset['strata']> = {};
  const chosen: { t: TaskLike; i: number }[] = [];
  names.forEach((n, gi) => {
    const g = groups.get(n)!;
    strata[n] = { tasks: g.length, chosen: quotas[gi]! };
    chosen.push(...shuffle(g, rand).slice(0, quotas[gi]!));
  });
  return { ...base, seed, by, strata, sample_ids: inSuiteOrder(chosen) };
}

/** The canonical solution's length: a task's `solution_chars`, else the length of its canonical_solution. */
function solutionChars(t: TaskLike): number {
  const o = t as { solution_chars?: unknown; canonical_solution?: unknown };
  if (typeof o.solution_chars === 'number') return o.solution_chars;
  return typeof o.canonical_solution === 'string' ? o.canonical_solution.length : 0;
}

function inSuiteOrder(xs: { t: TaskLike; i: number }[]): string[] {
  return xs.sort((a, b) => a.i - b.i).map((x) => x.t.task_id);
}

/**
 * The stratum of a task: its `field` when any task has that field (tasks without it fall in
 * `(none)`), else the task id's prefix before the first `_` or `/` (ALGO_001 -> ALGO).
 */
function stratifier(tasks: readonly TaskLike[], field: string): { by: string; key: (t: TaskLike) => string } {
  const value = (t: TaskLike) => (t as Record<string, unknown>)[field];
  const present = (v: unknown) => v !== undefined && v !== null && v !== '';
  if (tasks.some((t) => present(value(t)))) {
    return { by: field, key: (t) => (present(value(t)) ? String(value(t)) : '(none)') };
  }
  return { by: 'task_id prefix', key: (t) => t.task_id.split(/[_/]/)[0]! };
}

/**
 * Hamilton's largest-remainder method: n * size_i / total, floored, then the leftover seats go
 * to the largest fractional parts (ties to the earlier stratum). Never exceeds a stratum's size.
 */
export function allocateProportional(sizes: readonly number[], n: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (n > total) throw new RangeError(`allocateProportional: cannot choose ${n} of ${total}`);
  // Integer arithmetic: quota_i = floor(n * s_i / total), remainder (n * s_i) mod total, no float ties.
  const out = sizes.map((s) => (total === 0 ? 0 : Math.floor((n * s) / total)));
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = sizes.map((s, i) => ({ i, rem: total === 0 ? 0 : (n * s) % total })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (out[i]! < sizes[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}
