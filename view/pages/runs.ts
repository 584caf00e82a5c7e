import type { MergedRun } from '../../analysis/list-runs';
import { duration, pct, usd } from '../../report/format';
import { escapeHtml as esc, stateBadge } from '../../report/html';
import { urls } from '../urls';
import { viewPage } from './layout';

/** The runs list: sortable by any column and filterable by text in the browser (view.js). */
export function runsPage(runs: readonly MergedRun[], root: string, temporalProblem: string | null, now = Date.now()): string {
  const rows = runs.map((r) => {
    const started = r.started ? Date.parse(r.started) : NaN;
    const end = r.ended ? Date.parse(r.ended) : now;
    const secs = Number.isFinite(started) ? Math.max(0, (end - started) / 1000) : null;
    const rates = r.pass_rates.map((p) => `${esc(p.phase)}/${esc(p.arm)} ${pct(p.pass_rate)}${p.errors ? ` <span class="meta">(${p.errors} errors)</span>` : ''}`).join('<br>');
    const name = r.output_dir ? `<a href="${urls.run(r.run_id)}">${esc(r.run_id)}</a>` : esc(r.run_id);
    return `<tr data-run="${esc(r.run_id)}"><td>${name}${r.problem ? `<div class="warn">${esc(r.problem.split('\n')[0])}</div>` : ''}</td><td data-sort="${esc(r.state)}">${stateBadge(r.state)}</td><td>${esc(r.suites.join(', ') || '-')}</td><td>${esc(r.arms.join(', ') || '-')}</td><td>${rates || '-'}</td><td class="num" data-sort="${r.cost_usd ?? -1}">${r.cost_usd === null ? '-' : esc(usd(r.cost_usd))}</td><td data-sort="${esc(r.started ?? '')}">${esc(r.started?.replace('T', ' ').replace(/\.\d+Z$/, 'Z') ?? '-')}</td><td class="num" data-sort="${secs ?? -1}">${duration(secs)}</td><td class="meta">${esc(r.source)}</td></tr>`;
  });
  const body = [
    '<h1>Runs</h1>',
    `<p class="meta">Runs under ${esc(root)}, merged with the benchmarkRun workflows Temporal knows. Click a column to sort.</p>`,
    temporalProblem ? `<div class="warn">${esc(temporalProblem)}</div>` : '',
    runs.length
      ? `<p><input type="search" class="filter" data-filter="#runs" placeholder="filter runs (id, state, suite, arm)"></p>
<table id="runs" class="sortable"><thead><tr><th>Run</th><th>State</th><th>Suites</th><th>Arms</th><th>Pass rates (errors apart)</th><th>Cost</th><th>Started</th><th>Duration</th><th>Source</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`
      : `<p>No runs yet: nothing under ${esc(root)}${temporalProblem ? '' : ' and no benchmarkRun workflows on Temporal'}. Start one with <code>gauntlet run</code> or <code>gauntlet demo</code>.</p>`,
  ];
  return viewPage('Gauntlet runs', body.join('\n'));
}
