import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatRate, taskResults, tally, type Tally } from './outcomes';
import { loadRun, type LoadedRun } from './runs';

/** One run's summary from its files alone (no Temporal): what `gauntlet show` prints and `runs` lists. */

export interface SliceRates extends Tally {
  phase: string;
  arm: string;
  tasks: number;
  tasks_passed: number;
}

export interface RunSummary {
  run_id: string;
  workflow_id?: string;
  /** run.json's state; `unknown` when the directory has results but no run.json. */
  state: string;
  output_dir: string;
  started_at?: string;
  updated_at?: string;
  ended_at?: string;
  suites: string[];
  arms: string[];
  phases: { name: string; kind?: string; state?: string; attempts?: number; units_total?: number; message?: string }[];
  /** Per phase and arm, from the rows: sample-level pass rate (errors apart) and tasks solved. */
  pass_rates: SliceRates[];
  errors: { total: number; by_kind: Record<string, number> };
  cost_usd: number;
  rows: number;
  skipped_lines: number;
  duplicates: number;
  reports: string[];
  resumes: number;
}

export async function summarizeRun(dir: string): Promise<RunSummary> {
  return summarizeLoaded(await loadRun(dir));
}

export async function summarizeLoaded(run: LoadedRun): Promise<RunSummary> {
  const { record, results, plan } = run;
  const rows = results.rows;
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = JSON.stringify([r.phase, r.arm]);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const pass_rates: SliceRates[] = [...groups.entries()].map(([k, g]) => {
    const [phase, arm] = JSON.parse(k) as [string, string];
    const tasks = [...taskResults(g).values()];
    return { phase, arm, ...tally(g), tasks: tasks.length, tasks_passed: tasks.filter((t) => t.outcome === 'passed').length };
  });
  const by_kind: Record<string, number> = {};
  for (const r of rows) if (r.status === 'error') by_kind[r.error_kind ?? 'unknown'] = (by_kind[r.error_kind ?? 'unknown'] ?? 0) + 1;

  const phaseNames = [...new Set([...plan.map((p) => p.name), ...(record?.phases ?? []).map((p) => p.name), ...rows.map((r) => r.phase)])];
  const phases = phaseNames.map((name) => {
    const rec = record?.phases.find((p) => p.name === name);
    const planned = plan.find((p) => p.name === name);
    return { name, kind: rec?.kind ?? planned?.kind, state: rec?.state, attempts: rec?.attempts, units_total: rec?.units_total, message: rec?.message };
  });
  const reports: string[] = [];
  for (const f of ['report.md', 'report.json', 'report.html']) {
    if (await fs.stat(path.join(run.dir, f)).then(() => true, () => false)) reports.push(f);
  }
  return {
    run_id: run.run_id,
    workflow_id: record?.workflow_id ?? results.meta?.workflow_id,
    state: record?.state ?? 'unknown',
    output_dir: run.dir,
    started_at: record?.created_at ?? results.meta?.started_at,
    updated_at: record?.updated_at,
    ended_at: record?.ended_at,
    suites: [...new Set(plan.map((p) => p.suite).filter((s): s is string => !!s))],
    arms: [...new Set([...plan.flatMap((p) => p.arms), ...rows.map((r) => r.arm)])],
    phases,
    pass_rates,
    errors: { total: rows.filter((r) => r.status === 'error').length, by_kind },
    cost_usd: rows.reduce((s, r) => s + r.cost_usd, 0),
    rows: rows.length,
    skipped_lines: results.skippedLines,
    duplicates: results.duplicates,
    reports,
    resumes: record?.resume_events.length ?? 0,
  };
}

export function formatRunSummary(s: RunSummary): string {
  const lines = [
    `run ${s.run_id}  state: ${s.state}${s.workflow_id ? `  workflow: ${s.workflow_id}` : ''}`,
    `output: ${s.output_dir}`,
    `started: ${s.started_at ?? '?'}  ended: ${s.ended_at ?? (s.state === 'running' || s.state === 'paused' ? '(still going)' : '?')}${s.resumes ? `  resumed ${s.resumes}x` : ''}`,
    `suites: ${s.suites.join(', ') || '?'}  arms: ${s.arms.join(', ') || '?'}`,
    'phases:',
    ...s.phases.map(
      (p) => `  ${p.name} (${p.kind ?? '?'}): ${p.state ?? 'no record'}${p.attempts ? `, attempt ${p.attempts}` : ''}${p.units_total !== undefined ? `, ${p.units_total} units` : ''}${p.message ? ` - ${p.message}` : ''}`,
    ),
    'pass rates (errors excluded):',
    ...(s.pass_rates.length
      ? s.pass_rates.map(
          (r) => `  ${r.phase}/${r.arm}: ${formatRate(r.pass_rate)} samples (${r.passed}/${r.passed + r.failed}), tasks solved ${r.tasks_passed}/${r.tasks}, errors ${r.errors}`,
        )
      : ['  (no result rows yet)']),
    `errors: ${s.errors.total}${s.errors.total ? ` (${Object.entries(s.errors.by_kind).map(([k, n]) => `${k} ${n}`).join(', ')})` : ''}  cost: $${s.cost_usd.toFixed(4)}`,
  ];
  if (s.skipped_lines || s.duplicates) lines.push(`results.jsonl: ${s.skipped_lines} unreadable line(s) skipped, ${s.duplicates} duplicate row(s) collapsed`);
  lines.push(`reports: ${s.reports.join(', ') || 'none yet'}`);
  return lines.join('\n');
}
