import type { ResultRow } from '../config/results';
import { wilsonInterval } from './pass-at-k';
import { int, pct } from './format';

/** An agentic phase's arm: episodes, pass rate with its 95% Wilson interval, mean partial score, per-check pass rates, turns and tokens. */
export interface AgenticArmSummary {
  arm: string;
  episodes: number;
  passed: number;
  pass_rate: number | null;
  ci: [number, number] | null;
  mean_score: number | null;
  /** Share of scored episodes that passed each check (from row metadata.checks), in first-seen order. */
  checks: Record<string, number>;
  mean_turns: number | null;
  mean_tokens: number | null;
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** Error rows are not episodes that ran to an end: left out, as from pass rates elsewhere. */
export function agenticSummary(byArm: ReadonlyMap<string, readonly ResultRow[]>): AgenticArmSummary[] {
  return [...byArm].map(([arm, all]) => {
    const rows = all.filter((r) => r.status !== 'error');
    const passed = rows.filter((r) => r.status === 'passed').length;
    const checks: Record<string, number> = {};
    const withChecks = rows.filter((r) => r.metadata?.checks && typeof r.metadata.checks === 'object');
    for (const r of withChecks) for (const [k, v] of Object.entries(r.metadata!.checks as Record<string, boolean>)) checks[k] = (checks[k] ?? 0) + (v ? 1 : 0);
    for (const k of Object.keys(checks)) checks[k] = checks[k]! / withChecks.length;
    const ci = rows.length ? wilsonInterval(passed, rows.length) : null;
    return {
      arm,
      episodes: rows.length,
      passed,
      pass_rate: rows.length ? passed / rows.length : null,
      ci: ci ? [ci.low, ci.high] : null,
      mean_score: mean(rows.map((r) => r.score ?? 0)),
      checks,
      mean_turns: mean(rows.map((r) => Number(r.metadata?.turns ?? 0))),
      mean_tokens: mean(rows.map((r) => r.tokens_in + r.tokens_out)),
    };
  });
}

/** Table cells shared by the Markdown and HTML reports. */
export function agenticCells(arms: readonly AgenticArmSummary[]): { headers: string[]; rows: string[][] } {
  const checkNames = [...new Set(arms.flatMap((a) => Object.keys(a.checks)))];
  return {
    headers: ['Arm', 'Episodes', 'Pass rate [95% CI]', 'Mean score', ...checkNames.map((c) => `${c} passed`), 'Turns / episode', 'Tokens / episode'],
    rows: arms.map((a) => [
      a.arm,
      int(a.episodes),
      a.pass_rate === null ? '–' : `${pct(a.pass_rate)} [${pct(a.ci![0])}, ${pct(a.ci![1])}] (${a.passed}/${a.episodes})`,
      pct(a.mean_score),
      ...checkNames.map((c) => (a.checks[c] === undefined ? '–' : pct(a.checks[c]))),
      a.mean_turns === null ? '–' : a.mean_turns.toFixed(1),
      a.mean_tokens === null ? '–' : int(Math.round(a.mean_tokens)),
    ]),
  };
}
