import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readResults } from '../../../store/results';
import { unitKey } from '../../../config/results';
import type { RunOutcome } from '../../../workflows/benchmark-run';
import { auditLines } from './torn';

export interface Expectation {
  phase: string;
  /** Units per arm (tasks x samples). */
  perArm: Record<string, number>;
  /** Torn lines this scenario injected (each may survive as one unparsable line). */
  tornInjected: number;
  /** 429 + quota answers the simulated API gave (figure; exhaustion rows must still be 0). */
  api429s: number;
}

export interface Check {
  name: string;
  figure: string;
  ok: boolean;
}

/** The invariants of DESIGN.md after a run that was shot at; each printed as a figure. */
export async function checkRun(outDir: string, outcome: RunOutcome | null, exp: Expectation): Promise<Check[]> {
  const checks: Check[] = [];
  const add = (name: string, figure: string | number, ok: boolean) => checks.push({ name, figure: String(figure), ok });

  add('run state', outcome?.state ?? 'no outcome', outcome?.state === 'completed');

  // Every output file parses: JSON files whole, results.jsonl line by line.
  for (const f of ['run.json', 'crash_log.json', 'report.json']) {
    const file = path.join(outDir, f);
    if (!existsSync(file)) {
      add(`${f} parses`, 'absent', f === 'crash_log.json'); // no crash, no crash log
      continue;
    }
    let ok = true;
    try {
      JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      ok = false;
    }
    add(`${f} parses`, ok ? 'yes' : 'NO', ok);
  }
  const resultsFile = path.join(outDir, 'results.jsonl');
  const audit = auditLines(existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '');
  // An injected torn line is isolated by the next append (a newline first) and skipped on read;
  // any other unparsable line is corruption.
  add('results.jsonl unparsable lines (≤ torn injected)', `${audit.unparsable} (injected ${exp.tornInjected})`, audit.unparsable <= exp.tornInjected);

  const read = await readResults(resultsFile);
  const rows = read.rows.filter((r) => r.phase === exp.phase);
  const expected = Object.values(exp.perArm).reduce((a, b) => a + b, 0);
  add('units expected', expected, true);
  add('units recorded (rows after collapsing)', rows.length, rows.length === expected);
  add('torn/invalid lines skipped on read', read.skippedLines, read.skippedLines <= exp.tornInjected);
  add('raw duplicate rows (tolerated on write)', read.duplicates, true);
  const keys = new Set(rows.map(unitKey));
  add('duplicates after collapsing by key', rows.length - keys.size, rows.length === keys.size);
  const unknownArms = rows.filter((r) => !(r.arm in exp.perArm)).length;
  add('rows of unknown arms', unknownArms, unknownArms === 0);

  const exhaustionRows = rows.filter((r) => r.status === 'error' && (r.error_kind === 'rate_limited' || r.error_kind === 'exhausted')).length;
  // Meaningful only if the API did answer 429/quota during the run.
  add('rows from 429s/quota (API 429+quota answers > 0)', `${exhaustionRows} (${exp.api429s})`, exhaustionRows === 0 && exp.api429s > 0);
  // Canonical answers everywhere: a `failed` row means something was scored that should not be.
  const failed = rows.filter((r) => r.status === 'failed');
  add('failed rows (all answers are canonical)', failed.length ? `${failed.length} e.g. ${failed[0]!.reason}` : 0, failed.length === 0);
  const errors = rows.filter((r) => r.status === 'error');
  const kinds = [...new Set(errors.map((r) => r.error_kind))].join(',');
  add('error rows (transient, after retries)', errors.length ? `${errors.length} (${kinds})` : 0, true);

  // report.json per arm: passed + failed + errors == rows of that arm.
  try {
    const report = JSON.parse(readFileSync(path.join(outDir, 'report.json'), 'utf8')) as {
      phases: { name: string; arms: { arm: string; passed: number; failed: number; errors: number }[] }[];
    };
    const phase = report.phases.find((p) => p.name === exp.phase);
    const parts: string[] = [];
    let ok = !!phase;
    for (const arm of Object.keys(exp.perArm)) {
      const a = phase?.arms.find((x) => x.arm === arm);
      const n = rows.filter((r) => r.arm === arm).length;
      const sum = a ? a.passed + a.failed + a.errors : -1;
      parts.push(`${arm} ${sum}/${n}`);
      if (sum !== n) ok = false;
    }
    add('report counts == rows (per arm)', parts.join(' '), ok);
  } catch (e) {
    add('report counts == rows (per arm)', `unreadable: ${(e as Error).message}`, false);
  }
  return checks;
}
