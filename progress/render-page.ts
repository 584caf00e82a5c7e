import { duration, int, pct, usd } from '../report/format';
import { escapeHtml as esc, htmlPage, htmlTable, outcomeBar, stateBadge } from '../report/html';
import type { RunSummary } from '../report/types';
import { isRunSummary, progressFromSummary, type CategoryProgress, type RunProgress } from './progress-view';

export const PROGRESS_REFRESH_SECONDS = 5;

/** progress.html: self-contained, reloads itself every few seconds, every value escaped. */
export function renderProgressPage(input: RunSummary | RunProgress): string {
  const p = isRunSummary(input) ? progressFromSummary(input) : input;
  const parts = [
    `<h1>Gauntlet: ${esc(p.run_id ?? 'unknown run')} ${stateBadge(p.state)}</h1>`,
    `<p class="meta">Updated ${esc(p.updated_at)} · this page reloads every ${PROGRESS_REFRESH_SECONDS} s</p>`,
  ];
  for (const ph of p.phases) {
    const eta = ph.eta_s !== undefined && ph.eta_s !== null ? ` · ETA ${esc(duration(ph.eta_s))}` : '';
    parts.push(`<h2>Phase ${esc(ph.name)}${ph.kind ? ` <small class="meta">(${esc(ph.kind)})</small>` : ''} ${stateBadge(ph.state)}${eta}</h2>`);
    if (ph.arms.length === 0) {
      parts.push('<p><em>No units yet.</em></p>');
      continue;
    }
    const rows = ph.arms.map((a) => {
      const fraction = a.total ? ` (${((a.done / a.total) * 100).toFixed(1)}%)` : '';
      return [
        esc(a.arm),
        outcomeBar(a.passed, a.failed, a.errors, a.total),
        `${int(a.done)} / ${a.total === null ? '?' : int(a.total)}${fraction}`,
        int(a.passed),
        int(a.failed),
        int(a.errors),
        esc(pct(a.pass_rate)),
        esc(usd(a.cost_usd)),
        a.eta_s !== undefined && a.eta_s !== null ? esc(duration(a.eta_s)) : '-',
      ];
    });
    parts.push(htmlTable(['Arm', 'Progress', 'Done / total', 'Passed', 'Failed', 'Errors', 'Pass rate so far', 'Cost', 'ETA'], rows, new Set([2, 3, 4, 5, 6, 7])));
    if (ph.categories?.length) parts.push(categoryGrid(ph.arms.map((a) => a.arm), ph.categories));
  }
  return htmlPage(`Gauntlet progress: ${p.run_id ?? 'unknown run'}`, parts.join('\n'), { refreshSeconds: PROGRESS_REFRESH_SECONDS });
}

/** One row per category (BBH subtask), one cell per arm: an outcome bar and passed/scored so far. */
function categoryGrid(arms: readonly string[], categories: readonly CategoryProgress[]): string {
  const rows = categories.map((c) => [
    esc(c.category),
    ...arms.map((a) => {
      const x = c.arms[a];
      if (!x) return '-';
      const scored = x.passed + x.failed;
      return `${outcomeBar(x.passed, x.failed, x.errors, null)} ${int(x.passed)}/${int(scored)}${scored ? ` (${esc(pct(x.passed / scored, 0))})` : ''}${x.errors ? ` +${int(x.errors)} err` : ''}`;
    }),
  ]);
  return `<h3>Per category</h3>\n${htmlTable(['Category', ...arms.map(esc)], rows)}`;
}
