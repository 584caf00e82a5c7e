/**
 * pass@k (Chen et al. 2021, "Evaluating Large Language Models Trained on Code") and its 95%
 * confidence interval over tasks.
 *
 * Per task with n scored samples of which c passed, the unbiased estimator is
 *   pass@k = 1 - C(n-c, k) / C(n, k)
 * computed as the product 1 - prod_{i=n-c+1..n} (1 - k/i), which never forms the (huge) binomials.
 * The run-level figure is the mean over tasks with at least k scored samples: a task with fewer
 * cannot estimate pass@k at all, and `error` rows are not samples (they are infrastructure failures,
 * re-runnable), so callers pass only passed/failed counts.
 *
 * Confidence interval (method reported next to each figure):
 * - `wilson`: when every per-task value is exactly 0 or 1 (the usual pass@1 with one sample per
 *   task, or k = n), the tasks are Bernoulli trials and the Wilson score interval is right; it also
 *   stays sensible at 0% and 100%, where a normal interval would collapse to zero width.
 * - `normal`: otherwise, mean ± z·s/√T over the per-task estimates (s the sample standard
 *   deviation, T tasks), clamped to [0, 1]. Needs T >= 2.
 * - `none`: no task qualifies, or a single non-binary task.
 */

export const Z_95 = 1.959963984540054;

export interface TaskCounts {
  /** Scored samples (passed + failed) of the task. */
  n: number;
  /** Passed samples. */
  c: number;
}

export type CiMethod = 'wilson' | 'normal' | 'none';

export interface PassAtKEstimate {
  k: number;
  /** Mean over qualifying tasks; null when no task has k scored samples. */
  value: number | null;
  ci_low: number | null;
  ci_high: number | null;
  ci_method: CiMethod;
  /** Tasks that had at least k scored samples (the denominator). */
  tasks: number;
  /** Tasks left out because they had fewer than k scored samples. */
  tasks_excluded: number;
}

/** Unbiased pass@k of one task. */
export function passAtK(n: number, c: number, k: number): number {
  if (!(k >= 1) || n < k || c < 0 || c > n) throw new RangeError(`pass@k needs 1 <= k <= n and 0 <= c <= n (n=${n}, c=${c}, k=${k})`);
  if (n - c < k) return 1;
  let fail = 1;
  for (let i = n - c + 1; i <= n; i++) fail *= 1 - k / i;
  return 1 - fail;
}

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` of `trials` Bernoulli trials. */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (trials <= 0) throw new RangeError('wilson interval needs at least one trial');
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const center = (p + z2 / (2 * trials)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** mean ± z·SEM, clamped to [0, 1]; null for fewer than two values. */
export function meanInterval(values: readonly number[], z = Z_95): Interval | null {
  const t = values.length;
  if (t < 2) return null;
  const mean = values.reduce((a, b) => a + b, 0) / t;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (t - 1);
  const half = z * Math.sqrt(variance / t);
  return { low: Math.max(0, mean - half), high: Math.min(1, mean + half) };
}

/** pass@k averaged over the tasks with at least k scored samples, with its 95% interval. */
export function estimatePassAtK(tasks: Iterable<TaskCounts>, k: number): PassAtKEstimate {
  const values: number[] = [];
  let excluded = 0;
  for (const t of tasks) {
    if (t.n < k) excluded++;
    else values.push(passAtK(t.n, t.c, k));
  }
  const out: PassAtKEstimate = { k, value: null, ci_low: null, ci_high: null, ci_method: 'none', tasks: values.length, tasks_excluded: excluded };
  if (values.length === 0) return out;
  let sum = 0;
  let binary = true;
  for (const v of values) {
    sum += v;
    if (v !== 0 && v !== 1) binary = false;
  }
  out.value = sum / values.length;
  const ci = binary ? wilsonInterval(sum, values.length) : meanInterval(values);
  if (ci) {
    out.ci_low = ci.low;
    out.ci_high = ci.high;
    out.ci_method = binary ? 'wilson' : 'normal';
  }
  return out;
}
