import { agenticCells } from './agentic';
import { categoryAverageCells, categoryTableCells, comparisonCells, countsText, duration, int, mutationCells, passAtKText, pct, truncatedList, usd } from './format';
import { escapeHtml as esc, htmlPage, htmlTable, outcomeBar, stateBadge } from './html';
import type { ArmSummary, PhaseSummary, RunHealth, RunSummary } from './types';

export interface HtmlReportOptions {
  /**
   * The link of a task's failed sample. `gauntlet view` serves report.html with links to its
   * sample pages; the file on disk has none (it is opened without a server).
   */
  failedTaskHref?: (phase: string, arm: string, taskId: string) => string;
}

/** report.html: self-contained (inline CSS, no scripts, no external assets); every value escaped. */
export function renderHtml(s: RunSummary, opts: HtmlReportOptions = {}): string {
  const parts: string[] = [`<h1>Gauntlet report: ${esc(s.run_id ?? 'unknown run')}</h1>`];
  if (s.partial) parts.push(`<p class="banner">PARTIAL REPORT: ${esc(s.partial_reason)}. Figures cover only the units that finished.</p>`);
  parts.push(
    `<p class="meta">Workflow ${esc(s.workflow_id ?? 'n/a')} · state ${stateBadge(s.state)} · created ${esc(s.created_at ?? 'n/a')} · ended ${esc(s.ended_at ?? 'n/a')} · generated ${esc(s.generated_at)}</p>`,
    `<p>Units: ${int(s.totals.done)} done (${int(s.totals.passed)} passed, ${int(s.totals.failed)} failed, ${int(s.totals.errors)} errors) · tokens ${int(s.totals.tokens_in)} in / ${int(s.totals.tokens_out)} out · cost ${esc(usd(s.totals.cost_usd))}</p>`,
  );
  for (const p of s.phases) parts.push(phaseSection(p, opts));
  parts.push(healthSection(s.health));
  if (s.warnings.length) parts.push('<h2>Warnings</h2>', ...s.warnings.map((w) => `<div class="warn">${esc(w)}</div>`));
  parts.push(
    '<h2>Notes</h2><ul>',
    '<li><code>error</code> rows (infrastructure failures that survived retries) never count in pass rates; re-run them. Quota waits are never rows.</li>',
    '<li>pass@k: unbiased estimator of Chen et al. (2021), averaged over tasks with at least k scored samples. 95% CI: Wilson when every per-task value is 0 or 1, else mean ± 1.96·SEM over tasks.</li></ul>',
  );
  return htmlPage(`Gauntlet report: ${s.run_id ?? 'unknown run'}`, parts.join('\n'));
}

/** One phase's section of report.html (the viewer's run page shows the same). */
export function phaseSection(p: PhaseSummary, opts: HtmlReportOptions = {}): string {
  const head = [
    `<h2>Phase ${esc(p.name)} <small class="meta">(${esc(p.kind)})</small></h2>`,
    `<p>State ${stateBadge(p.state)} · attempts ${p.attempts} · units expected ${p.units_total === null ? 'n/a' : int(p.units_total)}${p.message ? ` · ${esc(p.message)}` : ''}</p>`,
  ];
  if (p.kind === 'mutation') return [...head, mutationSection(p, opts)].join('\n');
  const headers = ['Arm', 'Outcomes', 'Done', 'Passed', 'Failed', 'Errors', 'Pass rate', ...p.k.map((k) => `pass@${k} [95% CI]`), 'Tokens in / out', 'Cost'];
  const rows = p.arms.map((a) => [
    esc(a.arm),
    outcomeBar(a.passed, a.failed, a.errors, a.units_total),
    a.units_total !== null ? `${int(a.done)} / ${int(a.units_total)}` : int(a.done),
    int(a.passed),
    int(a.failed),
    int(a.errors),
    pct(a.pass_rate),
    ...a.pass_at_k.map((e) => esc(passAtKText(e))),
    `${int(a.tokens_in)} / ${int(a.tokens_out)}`,
    esc(usd(a.cost_usd)),
  ]);
  const numCols = new Set([2, 3, 4, 5, 6, ...p.k.map((_, i) => 7 + i), 7 + p.k.length, 8 + p.k.length]);
  const details = p.arms
    .flatMap((a) => [
      a.failed > 0 ? `<li>${esc(a.arm)} failure reasons: ${esc(countsText(a.failure_reasons))}</li>` : '',
      a.failed > 0 ? `<li>${esc(a.arm)} tasks with failed samples: ${taskList(a.failed_tasks, (id) => opts.failedTaskHref?.(p.name, a.arm, id))}</li>` : '',
      ...errorItems(a),
    ])
    .filter(Boolean);
  return [
    ...head,
    rows.length ? htmlTable(headers, rows, numCols) : '<p><em>No rows recorded.</em></p>',
    details.length ? `<ul>${details.join('')}</ul>` : '',
    p.excluded?.length ? `<p>Excluded on purpose (${p.excluded.length}, not in any figure): ${p.excluded.map((e) => esc(e.why ? `${e.task_id} (${e.why})` : e.task_id)).join('; ')}</p>` : '',
    categorySection(p),
  ].join('\n');
}

function errorItems(a: ArmSummary): string[] {
  if (a.errors === 0) return [];
  return [`<li>${esc(a.arm)} error kinds: ${esc(countsText(a.error_kinds))}</li>`, `<li>${esc(a.arm)} tasks with errors (re-runnable): ${taskList(a.error_tasks)}</li>`];
}

/** A mutation phase: its mutation score, per operator and the surviving mutants, not a pass@k table. */
function mutationSection(p: PhaseSummary, opts: HtmlReportOptions): string {
  const tasks = p.arms.reduce((n, a) => n + a.done, 0);
  const clean = p.arms.reduce((n, a) => n + a.passed, 0);
  const parts = [`<p>Tasks tested: ${int(tasks)}, ${int(clean)} with no surviving mutant.</p>`];
  const errors = p.arms.flatMap(errorItems);
  if (errors.length) parts.push(`<ul>${errors.join('')}</ul>`);
  if (!p.mutation) {
    const mean = p.arms.find((a) => a.mean_score !== null)?.mean_score ?? null;
    parts.push(`<p>Mutation score (mean over tasks): ${pct(mean)}; the per-task mutation results are not there, so no per-operator figures.</p>`);
    return parts.join('\n');
  }
  const c = mutationCells(p.mutation);
  const code = (x: string) => `<code>${esc(x)}</code>`;
  const link = (arm: string, id: string) => {
    const href = opts.failedTaskHref?.(p.name, arm, id);
    return href ? `<a href="${esc(href)}">${esc(id)}</a>` : esc(id);
  };
  const arm = p.arms[0]?.arm ?? 'canonical';
  parts.push(
    `<p><strong>${esc(c.headline)}</strong></p>`,
    '<h3>Mutation score per operator</h3>',
    htmlTable(c.operators.headers, c.operators.rows.map((r) => r.map(esc)), new Set([1, 2, 3, 4])),
  );
  if (c.survivors.rows.length) {
    parts.push(
      '<h3>Surviving mutants (each one a missing test)</h3>',
      htmlTable(c.survivors.headers, c.survivors.rows.map(([task, line, op, orig, mutated]) => [link(arm, task!), esc(line), esc(op), code(orig!), code(mutated!)]), new Set([1])),
      c.survivors.more ? `<p class="meta">+${c.survivors.more} more surviving mutants (mutation/${esc(p.name)}/mutation-report.html lists them all)</p>` : '',
    );
  }
  return parts.join('\n');
}

function categorySection(p: PhaseSummary): string {
  const cells = (t: { headers: string[]; rows: string[][] }) => htmlTable(t.headers.map(esc), t.rows.map((r) => r.map(esc)));
  const out: string[] = [];
  if (p.agentic?.length) out.push(`<h3>Episodes</h3>\n${cells(agenticCells(p.agentic))}`);
  if (p.categories.length) {
    out.push(`<h3>Per category</h3>\n${cells(categoryTableCells(p))}`);
    out.push(`<h3>Averages over categories</h3>\n${cells(categoryAverageCells(p.category_averages))}`);
  }
  if (p.comparisons.length) out.push(`<h3>Paired comparison (McNemar exact, on tasks both arms scored)</h3>\n${cells(comparisonCells(p.comparisons))}`);
  return out.join('\n');
}

function taskList(ids: readonly string[], href?: (id: string) => string | undefined): string {
  const { shown, more } = truncatedList(ids);
  return (
    shown
      .map((id) => {
        const h = href?.(id);
        return h ? `<a href="${esc(h)}"><code>${esc(id)}</code></a>` : `<code>${esc(id)}</code>`;
      })
      .join(', ') + (more ? ` +${more} more` : '')
  );
}

/** The Run Health section of report.html (the viewer's run page shows the same). */
export function healthSection(h: RunHealth): string {
  const list = (items: string[]) => (items.length ? items.join(', ') : 'none');
  const parts = [
    '<h2>Run Health</h2><ul>',
    `<li>Crashes: ${h.crashes.total}${h.crashes.total ? ` (${esc(countsText(h.crashes.by_phase))})` : ''}</li>`,
    `<li>Phases that needed retries: ${list(h.retried_phases.map((p) => `${esc(p.name)} (${p.attempts} attempts, ${esc(p.state)})`))}</li>`,
    `<li>Phases that hit the ${h.strike_limit}-strike limit: ${list(h.strike_limit_phases.map((p) => `${esc(p.name)} (${p.attempts} attempts${p.message ? `: ${esc(p.message)}` : ''})`))}</li>`,
    `<li>Usage-exhaustion waits: ${h.waits.exhausted.count} (${duration(h.waits.exhausted.total_s)}) · rate-limit waits: ${h.waits.rate_limited.count} (${duration(h.waits.rate_limited.total_s)})</li>`,
    `<li>Wall-clock time (including retries and waits): ${duration(h.wall_clock_s)}</li>`,
    `<li>Resumes: ${h.resume_events.length}</li>`,
    `<li>Phase states: ${esc(countsText(h.phase_states))}</li></ul>`,
  ];
  if (h.resume_events.length) {
    parts.push(
      htmlTable(
        ['Resumed at', 'Tasks skipped', 'Tasks remaining', 'Previous crash exit code'],
        h.resume_events.map((r) => [esc(r.resumed_at), int(r.tasks_skipped), int(r.tasks_remaining), esc(r.previous_crash_exit_code ?? 'n/a')]),
        new Set([1, 2, 3]),
      ),
    );
  }
  if (h.crashes.events.length) {
    parts.push(
      '<h3>Crash log</h3>',
      htmlTable(
        ['Time', 'Phase', 'Attempt', 'Exit code', 'Duration', 'Done before crash', 'Remaining', 'stderr (tail)'],
        h.crashes.events.map((c) => [
          esc(c.timestamp),
          esc(c.phase),
          String(c.attempt),
          String(c.exit_code),
          duration(c.duration_seconds),
          int(c.tasks_completed_before_crash),
          int(c.tasks_remaining),
          `<pre>${esc(c.stderr_tail.slice(-500))}</pre>`,
        ]),
        new Set([2, 3, 5, 6]),
      ),
    );
  }
  return parts.join('\n');
}
