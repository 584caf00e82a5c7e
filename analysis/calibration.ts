import type { ResultRow } from '../config/results';
import { wilsonInterval } from '../report/pass-at-k';

/** A target band for a task's pass rate, in percent (`--band 10-40`). */
export interface Band {
  low: number;
  high: number;
}

export function parseBand(v: string): Band {
  const m = /^\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
  const band = m ? { low: Number(m[1]), high: Number(m[2]) } : null;
  if (!band || band.low > band.high || band.high > 100) throw new Error(`--band ${v}: expected LOW-HIGH in percent with LOW <= HIGH <= 100, e.g. --band 10-40`);
  return band;
}

const pct = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(1)}%`;

function runLine(r: ResultRow, i: number): string {
  if (r.status === 'error') return `Run ${i + 1}: error - ${r.error_kind ?? 'unknown'} (not counted)`;
  const feedback = typeof r.metadata?.feedback === 'string' ? r.metadata.feedback : r.reason ? `No submission (${r.reason})` : r.status;
  return `Run ${i + 1}: ${Math.round((r.score ?? 0) * 100)}% - ${feedback}`;
}

/**
 * What `gauntlet calibrate` prints: one line per run (in sample order), then the pass rate, the
 * mean score and the verdict against the band with a 95% Wilson interval, so a user sees when
 * the runs are too few to tell.
 */
export function calibrationReport(rows: readonly ResultRow[], band: Band): string[] {
  const sorted = [...rows].sort((a, b) => a.sample - b.sample);
  const lines = sorted.map(runLine);
  const scored = sorted.filter((r) => r.status !== 'error');
  const n = scored.length;
  if (n === 0) return [...lines, 'No run ended with a score: nothing to calibrate.'];
  const passed = scored.filter((r) => r.status === 'passed').length;
  const rate = (100 * passed) / n;
  const avg = (100 * scored.reduce((a, r) => a + (r.score ?? 0), 0)) / n;
  const ci = wilsonInterval(passed, n);
  const lo = 100 * ci.low;
  const hi = 100 * ci.high;
  lines.push(`Passed ${passed}/${n} (${pct(rate)})`, `Average score: ${pct(Math.round(avg * 10) / 10)}`);
  const inside = rate >= band.low && rate <= band.high;
  const verdict = inside ? 'Target met' : rate < band.low ? `Target missed: ${pct(Math.round((band.low - rate) * 10) / 10)} below the band` : `Target missed: ${pct(Math.round((rate - band.high) * 10) / 10)} above the band`;
  const ciText = `95% CI ${lo.toFixed(1)}-${hi.toFixed(1)}%`;
  const certain = (lo >= band.low && hi <= band.high) || hi < band.low || lo > band.high;
  lines.push(`${verdict} (band ${band.low}-${band.high}%, pass rate ${pct(rate)}, ${ciText})${certain ? '' : `; the CI overlaps the band's edge: ${n} runs are too few to tell`}`);
  return lines;
}
