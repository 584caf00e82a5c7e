import { agenticCells } from './agentic';
import { categoryAverageCells, categoryTableCells, comparisonCells, countsText, duration, int, mutationCells, passAtKText, pct, truncatedList, usd } from './format';
import type { ArmSummary, PhaseSummary, RunHealth, RunSummary } from './types';

/** Escapes Markdown syntax so task ids, messages and stderr cannot break tables or inject HTML. */
export function mdText(value: unknown): string {
  return String(value ?? '')
    .replace(/[\\`*_[\]<>|#]/g, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, ' ');
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderMarkdown(s: RunSummary): string {
  const out: string[] = [`# Gauntlet report: ${mdText(s.run_id ?? 'unknown run')}`, ''];
  if (s.partial) out.push(`> **PARTIAL REPORT**: ${mdText(s.partial_reason)}. Figures cover only the units that finished.`, '');
  out.push(
    `Workflow: ${mdText(s.workflow_id ?? 'n/a')} · state: **${mdText(s.state ?? 'unknown')}** · created ${mdText(s.created_at ?? 'n/a')} · ended ${mdText(s.ended_at ?? 'n/a')} · report generated ${mdText(s.generated_at)}`,
    '',
    `Units: ${int(s.totals.done)} done (${int(s.totals.passed)} passed, ${int(s.totals.failed)} failed, ${int(s.totals.errors)} errors) · tokens ${int(s.totals.tokens_in)} in / ${int(s.totals.tokens_out)} out · cost ${usd(s.totals.cost_usd)}`,
    '',
  );
  for (const p of s.phases) out.push(...phaseSection(p));
  out.push(...healthSection(s.health));
  if (s.warnings.length > 0) out.push('## Warnings', '', ...s.warnings.map((w) => `- ${mdText(w)}`), '');
  out.push(
    '## Notes',
    '',
    '- `error` rows (infrastructure failures that survived retries) never count in pass rates; re-run them. Quota waits are never rows.',
    '- pass@k: unbiased estimator of Chen et al. (2021), averaged over tasks with at least k scored samples. 95% CI: Wilson when every per-task value is 0 or 1, else mean ± 1.96·SEM over tasks.',
    '',
  );
  return out.join('\n');
}

function phaseSection(p: PhaseSummary): string[] {
  const head = `## Phase ${mdText(p.name)} (${mdText(p.kind)})`;
  const meta = `State: **${mdText(p.state ?? 'unknown')}** · attempts ${p.attempts} · units expected ${p.units_total === null ? 'n/a' : int(p.units_total)}${p.message ? ` · ${mdText(p.message)}` : ''}`;
  if (p.kind === 'mutation') return [head, '', meta, '', ...mutationSection(p)];
  const headers = ['Arm', 'Done', 'Passed', 'Failed', 'Errors', 'Pass rate', ...p.k.map((k) => `pass@${k} [95% CI]`), 'Tokens in / out', 'Cost'];
  const rows = p.arms.map((a) => [
    mdText(a.arm),
    a.units_total !== null ? `${int(a.done)} / ${int(a.units_total)}` : int(a.done),
    int(a.passed),
    int(a.failed),
    int(a.errors),
    pct(a.pass_rate),
    ...a.pass_at_k.map(passAtKText),
    `${int(a.tokens_in)} / ${int(a.tokens_out)}`,
    usd(a.cost_usd),
  ]);
  const lines = [head, '', meta, '', rows.length ? table(headers, rows) : '_No rows recorded._', ''];
  if (p.excluded?.length) lines.push(`Excluded on purpose (${p.excluded.length}, not in any figure): ${p.excluded.map((e) => `${mdText(e.task_id)}${e.why ? ` (${mdText(e.why)})` : ''}`).join('; ')}`, '');
  for (const a of p.arms) {
    if (a.failed > 0) lines.push(`- ${mdText(a.arm)} failure reasons: ${mdText(countsText(a.failure_reasons))}`);
    if (a.failed > 0) lines.push(`- ${mdText(a.arm)} tasks with failed samples: ${idList(a.failed_tasks)}`);
    lines.push(...errorLines(a));
  }
  if (lines[lines.length - 1] !== '') lines.push('');
  if (p.agentic?.length) {
    const t = agenticCells(p.agentic);
    lines.push('### Episodes', '', table(t.headers.map(mdText), t.rows.map((r) => r.map(mdText))), '');
  }
  if (p.categories.length) {
    const t = categoryTableCells(p);
    lines.push('### Per category', '', table(t.headers.map(mdText), t.rows.map((r) => r.map(mdText))), '');
    const avg = categoryAverageCells(p.category_averages);
    lines.push('### Averages over categories', '', table(avg.headers.map(mdText), avg.rows.map((r) => r.map(mdText))), '');
  }
  if (p.comparisons.length) {
    const c = comparisonCells(p.comparisons);
    lines.push('### Paired comparison (McNemar exact, on tasks both arms scored)', '', table(c.headers.map(mdText), c.rows.map((r) => r.map(mdText))), '');
  }
  return lines;
}

function idList(ids: readonly string[]): string {
  const { shown, more } = truncatedList(ids);
  return `${shown.map(mdText).join(', ')}${more ? ` +${more} more` : ''}`;
}

function errorLines(a: ArmSummary): string[] {
  if (a.errors === 0) return [];
  return [`- ${mdText(a.arm)} error kinds: ${mdText(countsText(a.error_kinds))}`, `- ${mdText(a.arm)} tasks with errors (re-runnable): ${idList(a.error_tasks)}`];
}

/** A mutation phase: its mutation score, per operator and the surviving mutants, not a pass@k table. */
function mutationSection(p: PhaseSummary): string[] {
  const tasks = p.arms.reduce((n, a) => n + a.done, 0);
  const clean = p.arms.reduce((n, a) => n + a.passed, 0);
  const lines = [`Tasks tested: ${int(tasks)}, ${int(clean)} with no surviving mutant.`, ''];
  for (const a of p.arms) lines.push(...errorLines(a));
  if (!p.mutation) {
    const mean = p.arms.find((a) => a.mean_score !== null)?.mean_score ?? null;
    lines.push(`Mutation score (mean over tasks): ${pct(mean)}; the per-task mutation results are not there, so no per-operator figures.`, '');
    return lines;
  }
  const c = mutationCells(p.mutation);
  lines.push(`**${mdText(c.headline)}**`, '', '### Mutation score per operator', '', table(c.operators.headers, c.operators.rows.map((r) => r.map(mdText))), '');
  if (c.survivors.rows.length) {
    lines.push(
      '### Surviving mutants (each one a missing test)',
      '',
      table(c.survivors.headers, c.survivors.rows.map((r) => r.map((x, i) => (i >= 3 ? `\`${x.replace(/`/g, "'").replace(/\|/g, '\\|')}\`` : mdText(x))))),
      ...(c.survivors.more ? ['', `+${c.survivors.more} more surviving mutants (mutation/${mdText(p.name)}/mutation-report.md lists them all)`] : []),
      '',
    );
  }
  return lines;
}

function healthSection(h: RunHealth): string[] {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  const lines = [
    '## Run Health',
    '',
    `- Crashes: ${h.crashes.total}${h.crashes.total ? ` (${mdText(countsText(h.crashes.by_phase))})` : ''}`,
    `- Phases that needed retries: ${list(h.retried_phases.map((p) => `${mdText(p.name)} (${p.attempts} attempts, ${p.state})`))}`,
    `- Phases that hit the ${h.strike_limit}-strike limit: ${list(h.strike_limit_phases.map((p) => `${mdText(p.name)} (${p.attempts} attempts${p.message ? `: ${mdText(p.message)}` : ''})`))}`,
    `- Usage-exhaustion waits: ${h.waits.exhausted.count} (${duration(h.waits.exhausted.total_s)}) · rate-limit waits: ${h.waits.rate_limited.count} (${duration(h.waits.rate_limited.total_s)})`,
    `- Wall-clock time (including retries and waits): ${duration(h.wall_clock_s)}`,
    `- Resumes: ${h.resume_events.length}`,
    `- Phase states: ${mdText(countsText(h.phase_states))}`,
    '',
  ];
  if (h.resume_events.length) {
    lines.push(
      table(
        ['Resumed at', 'Tasks skipped', 'Tasks remaining', 'Previous crash exit code'],
        h.resume_events.map((r) => [mdText(r.resumed_at), int(r.tasks_skipped), int(r.tasks_remaining), String(r.previous_crash_exit_code ?? 'n/a')]),
      ),
      '',
    );
  }
  if (h.crashes.events.length) {
    lines.push(
      '### Crash log',
      '',
      table(
        ['Time', 'Phase', 'Attempt', 'Exit code', 'Duration', 'Done before crash', 'Remaining', 'stderr (tail)'],
        h.crashes.events.map((c) => [
          mdText(c.timestamp),
          mdText(c.phase),
          String(c.attempt),
          String(c.exit_code),
          duration(c.duration_seconds),
          int(c.tasks_completed_before_crash),
          int(c.tasks_remaining),
          mdText(c.stderr_tail.slice(-200)),
        ]),
      ),
      '',
    );
  }
  return lines;
}
