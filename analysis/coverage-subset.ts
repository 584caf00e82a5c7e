import { AnalysisError } from './errors';
import { mulberry32, shuffle } from './prng';

/**
 * Stratified subsets over a list-valued field (BigCodeBench's `libs`): a task belongs to many
 * strata at once, so proportional allocation does not apply. Instead: maximal coverage with a
 * mix of difficulty. Tasks are cut into three difficulty tiers (easy, medium, hard) by the
 * proxy below; picks go to the tier furthest below its share (size/3) and, within it, to the
 * task whose not-yet-covered values weigh most, a value weighing the number of eligible tasks
 * that have it (so numpy, pandas, scipy, matplotlib, sklearn come in before a library one task
 * uses) and a new domain as much as the commonest value (ties: seeded random order). Same
 * tasks, seed and size: same subset.
 *
 * Difficulty proxy (BigCodeBench-Hard's own selection used library count and solution length):
 * number of distinct values of the field + canonical solution length / 500 characters.
 */

export interface CoverageTask {
  task_id: string;
  values: string[];
  domains: string[];
  solutionChars: number;
}

export interface CoverageResult {
  ids: string[];
  tiers: { easy: number; medium: number; hard: number };
  covered: { values: number; of: number; domains: number; of_domains: number };
  /** Values present in the eligible tasks that no chosen task has. */
  uncovered: string[];
}

const TIERS = ['easy', 'medium', 'hard'] as const;

export const difficultyOf = (t: CoverageTask) => new Set(t.values).size + t.solutionChars / 500;

export function coverageSubset(tasks: readonly CoverageTask[], size: number, seed: number): CoverageResult {
  if (size > tasks.length) throw new AnalysisError(`--size ${size} is larger than the ${tasks.length} eligible tasks`);
  const order = shuffle(tasks.map((t, i) => ({ t, i })), mulberry32(seed));
  // Tiers by difficulty rank (ties by the seeded order): thirds of the eligible tasks.
  const ranked = [...order].sort((a, b) => difficultyOf(a.t) - difficultyOf(b.t));
  const tierOf = new Map<string, number>();
  ranked.forEach((x, r) => tierOf.set(x.t.task_id, Math.min(2, Math.floor((3 * r) / ranked.length))));
  const quota = [0, 1, 2].map((k) => Math.floor(size / 3) + (k < size % 3 ? 1 : 0));
  const picked: { t: CoverageTask; i: number }[] = [];
  const have = new Set<string>();
  const haveDomains = new Set<string>();
  const counts = [0, 0, 0];
  const left = new Set(order);
  const freq = new Map<string, number>();
  for (const t of tasks) for (const v of new Set(t.values)) freq.set(v, (freq.get(v) ?? 0) + 1);
  const domainWeight = Math.max(1, ...freq.values());
  while (picked.length < size) {
    const tier = [0, 1, 2].filter((k) => counts[k]! < quota[k]! && [...left].some((x) => tierOf.get(x.t.task_id) === k)).sort((a, b) => counts[a]! - quota[a]! - (counts[b]! - quota[b]!))[0];
    const pool = [...left].filter((x) => tier === undefined || tierOf.get(x.t.task_id) === tier);
    let best = pool[0]!;
    let bestGain = -1;
    for (const x of pool) {
      let gain = 0;
      for (const v of new Set(x.t.values)) if (!have.has(v)) gain += freq.get(v)!;
      for (const d of new Set(x.t.domains)) if (!haveDomains.has(d)) gain += domainWeight;
      if (gain > bestGain) [best, bestGain] = [x, gain];
    }
    left.delete(best);
    picked.push(best);
    counts[tierOf.get(best.t.task_id)!]!++;
    for (const v of best.t.values) have.add(v);
    for (const d of best.t.domains) haveDomains.add(d);
  }
  const allValues = new Set(tasks.flatMap((t) => t.values));
  const allDomains = new Set(tasks.flatMap((t) => t.domains));
  return {
    ids: picked.sort((a, b) => a.i - b.i).map((x) => x.t.task_id),
    tiers: Object.fromEntries(TIERS.map((n, k) => [n, counts[k]!])) as CoverageResult['tiers'],
    covered: { values: have.size, of: allValues.size, domains: haveDomains.size, of_domains: allDomains.size },
    uncovered: [...allValues].filter((v) => !have.has(v)).sort(),
  };
}
