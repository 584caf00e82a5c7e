import type { ResultRow } from '../config/results';
import { pairTasks } from '../analysis/compare';
import { taskResults, type TaskResult } from '../analysis/outcomes';
import { wilsonInterval, Z_95 } from './pass-at-k';
import type { CategoryAverage, CategorySummary, PairedComparison } from './types';

/**
 * What a phase whose samples carry categories (BBH subtasks, custom categories) reports beyond the
 * per-category table: each arm's macro average (mean of the categories' pass rates, each category
 * weighing the same) and micro average (over all scored examples), and a paired McNemar test
 * between every two arms, overall and per category, on the tasks both arms scored (the pairing of
 * `gauntlet compare`, analysis/compare.ts).
 */
export function categoryAverages(arms: readonly string[], categories: readonly CategorySummary[]): CategoryAverage[] {
  if (!categories.length) return [];
  return arms.map((arm) => {
    const cells = categories.map((c) => c.arms[arm]).filter((c) => c !== undefined && c.passed + c.failed > 0);
    const passed = cells.reduce((s, c) => s + c!.passed, 0);
    const scored = cells.reduce((s, c) => s + c!.passed + c!.failed, 0);
    const rates = cells.map((c) => c!.passed / (c!.passed + c!.failed));
    const macro = rates.length ? rates.reduce((s, r) => s + r, 0) / rates.length : null;
    // Var(mean of K independent category rates) = sum p(1-p)/n / K^2: a normal interval, clamped.
    const se = rates.length ? Math.sqrt(cells.reduce((s, c, i) => s + (rates[i]! * (1 - rates[i]!)) / (c!.passed + c!.failed), 0)) / rates.length : 0;
    const micro = scored > 0 ? wilsonInterval(passed, scored) : null;
    return {
      arm,
      categories: cells.length,
      scored,
      passed,
      macro,
      macro_ci: macro === null ? null : [Math.max(0, macro - Z_95 * se), Math.min(1, macro + Z_95 * se)],
      micro: scored > 0 ? passed / scored : null,
      micro_ci: micro ? [micro.low, micro.high] : null,
    };
  });
}

/** Every pair of arms (in arm order), overall first, then per category when rows carry one. */
export function pairedComparisons(arms: readonly string[], rowsByArm: ReadonlyMap<string, readonly ResultRow[]>, categories: readonly string[]): PairedComparison[] {
  const out: PairedComparison[] = [];
  const tasks = new Map(arms.map((a) => [a, taskResults(rowsByArm.get(a) ?? [])]));
  const categoryOf = new Map<string, string>();
  for (const rows of rowsByArm.values()) for (const r of rows) if (r.category !== undefined) categoryOf.set(r.task_id, r.category);
  for (let i = 0; i < arms.length; i++)
    for (let j = i + 1; j < arms.length; j++) {
      const [a, b] = [arms[i]!, arms[j]!];
      out.push(compare(a, b, null, tasks.get(a)!, tasks.get(b)!));
      for (const c of categories) out.push(compare(a, b, c, only(tasks.get(a)!, categoryOf, c), only(tasks.get(b)!, categoryOf, c)));
    }
  return out;
}

function only(m: ReadonlyMap<string, TaskResult>, categoryOf: ReadonlyMap<string, string>, c: string): Map<string, TaskResult> {
  return new Map([...m].filter(([id]) => categoryOf.get(id) === c));
}

function compare(a: string, b: string, category: string | null, ta: ReadonlyMap<string, TaskResult>, tb: ReadonlyMap<string, TaskResult>): PairedComparison {
  const p = pairTasks(ta, tb);
  return {
    arm_a: a,
    arm_b: b,
    category,
    tasks: p.paired.tasks,
    passed_a: p.paired.both_passed + p.paired.broken.length,
    passed_b: p.paired.both_passed + p.paired.fixed.length,
    a_only: p.mcnemar.b,
    b_only: p.mcnemar.c,
    p_value: p.mcnemar.p_value,
  };
}
