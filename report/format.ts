import { formatP } from '../analysis/compare';
import type { MutationSummary } from './mutation';
import type { PassAtKEstimate } from './pass-at-k';
import type { CategoryAverage, PairedComparison } from './types';

/** Number formatting shared by report.md, report.html and progress.html, so they always agree. */

export function pct(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(digits)}%`;
}

export function usd(x: number): string {
  return `$${x.toFixed(x !== 0 && Math.abs(x) < 0.01 ? 4 : 2)}`;
}

export function int(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

/** 3725 -> "1h 2m 5s". */
export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return 'n/a';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h ${m}m ${rest}s`;
  if (m > 0) return `${m}m ${rest}s`;
  return `${rest}s`;
}

/** "91.7% [80.1%, 100.0%]" with the CI method named, or "n/a (no task with 5 scored samples)". */
export function passAtKText(e: PassAtKEstimate): string {
  if (e.value === null) return `n/a (no task with ${e.k} scored sample${e.k === 1 ? '' : 's'})`;
  const ci = e.ci_low !== null && e.ci_high !== null ? ` [${pct(e.ci_low)}, ${pct(e.ci_high)}] ${e.ci_method}` : '';
  return `${pct(e.value)}${ci}`;
}

/** {"b": 1, "a": 3} -> "a 3, b 1" (most frequent first); "-" when empty. */
export function countsText(counts: Record<string, number>, limit = 8): string {
  const entries = Object.entries(counts).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  if (entries.length === 0) return '-';
  const shown = entries.slice(0, limit).map(([k, v]) => `${k} ${v}`);
  if (entries.length > limit) shown.push(`+${entries.length - limit} more`);
  return shown.join(', ');
}

/** The first `limit` items and "+N more", for long id lists in human-facing reports. */
export function truncatedList(items: readonly string[], limit = 20): { shown: string[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/** `62.5% [40.9–80.0%] (5/8)`: a category's pass rate, its Wilson 95% CI and counts; errors apart. */
export function categoryCell(c: { passed: number; failed: number; errors: number; pass_rate: number | null; ci: [number, number] | null }): string {
  if (c.pass_rate === null) return c.errors ? `n/a (${c.errors} errors)` : '–';
  const ci = c.ci ? ` [${pct(c.ci[0])}–${pct(c.ci[1])}]` : '';
  return `${pct(c.pass_rate)}${ci} (${c.passed}/${c.passed + c.failed})${c.errors ? ` +${c.errors} errors` : ''}`;
}

/** The per-category table of a phase as plain-text cells (each renderer escapes them its way), with the paired tests per category. */
export function categoryTableCells(p: {
  arms: readonly { arm: string }[];
  categories: readonly { category: string; arms: Record<string, Parameters<typeof categoryCell>[0]> }[];
  comparisons?: readonly PairedComparison[];
}): { headers: string[]; rows: string[][] } {
  const arms = p.arms.map((a) => a.arm);
  const pairs = (p.comparisons ?? []).filter((c) => c.category === null);
  const test = (pair: PairedComparison, category: string) => {
    const c = p.comparisons!.find((x) => x.category === category && x.arm_a === pair.arm_a && x.arm_b === pair.arm_b);
    return c ? mcnemarCell(c) : '–';
  };
  return {
    headers: ['Category', ...arms.map((a) => `${a}: pass rate [95% CI] (passed/scored)`), ...pairs.map((c) => `${c.arm_a} vs ${c.arm_b}: McNemar p (${c.arm_a} only / ${c.arm_b} only)`)],
    rows: p.categories.map((c) => [c.category, ...arms.map((a) => (c.arms[a] ? categoryCell(c.arms[a]!) : '–')), ...pairs.map((pair) => test(pair, c.category))]),
  };
}

/** `p = 0.0312 (7/1)`; `–` when no task was scored by both arms. */
export function mcnemarCell(c: PairedComparison): string {
  return c.tasks === 0 ? '–' : `p = ${formatP(c.p_value)} (${c.a_only}/${c.b_only})`;
}

const rateCi = (r: number | null, ci: [number, number] | null) => (r === null ? 'n/a' : `${pct(r)}${ci ? ` [${pct(ci[0])}–${pct(ci[1])}]` : ''}`);

/** Macro and micro averages over the categories, one row per arm. */
export function categoryAverageCells(avgs: readonly CategoryAverage[]): { headers: string[]; rows: string[][] } {
  return {
    headers: ['Arm', 'Categories', 'Examples scored', 'Passed', 'Macro average (categories equal) [95% CI]', 'Micro average (examples equal) [95% CI]'],
    rows: avgs.map((a) => [a.arm, String(a.categories), int(a.scored), int(a.passed), rateCi(a.macro, a.macro_ci), rateCi(a.micro, a.micro_ci)]),
  };
}

/** The overall paired tests: one row per pair of arms. */
export function comparisonCells(comparisons: readonly PairedComparison[]): { headers: string[]; rows: string[][] } {
  const overall = comparisons.filter((c) => c.category === null);
  return {
    headers: ['Arms (A vs B)', 'Paired tasks', 'A passed', 'B passed', 'A only', 'B only', 'McNemar exact p'],
    rows: overall.map((c) => [`${c.arm_a} vs ${c.arm_b}`, int(c.tasks), int(c.passed_a), int(c.passed_b), int(c.a_only), int(c.b_only), c.tasks ? formatP(c.p_value) : 'n/a']),
  };
}

/** The text of a mutation phase's section, as plain cells (each renderer escapes them its way). */
export function mutationCells(m: MutationSummary, survivorLimit = 50) {
  const { shown, more } = truncatedList(m.survivors.map((_, i) => String(i)), survivorLimit);
  return {
    headline:
      `Mutation score ${pct(m.score)} (${int(m.detected)} of ${int(m.valid)} valid mutants detected: killed or timed out) · ` +
      `${int(m.survived)} survived · ${int(m.mutants)} mutants in ${int(m.tasks)} tasks` +
      (m.compile_errors || m.runtime_errors || m.ignored ? ` · not counted: ${int(m.compile_errors)} compile errors, ${int(m.runtime_errors)} runtime errors, ${int(m.ignored)} ignored` : '') +
      (m.canonical_failed.length ? ` · canonical solution fails its tests: ${m.canonical_failed.join(', ')}` : ''),
    operators: {
      headers: ['Operator', 'Valid', 'Detected', 'Survived', 'Score'],
      rows: m.by_operator.map((o) => [o.operator, int(o.valid), int(o.detected), int(o.survived), pct(o.score)]),
    },
    survivors: {
      headers: ['Task', 'Line', 'Operator', 'Original', 'Mutated line'],
      rows: shown.map((i) => {
        const s = m.survivors[Number(i)]!;
        return [s.task_id, String(s.line), s.operator, s.original, s.mutated_line.trim()];
      }),
      /** Surviving mutants left out of the table. */
      more,
    },
  };
}
