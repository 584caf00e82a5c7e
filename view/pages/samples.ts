import { int, usd } from '../../report/format';
import { escapeHtml as esc, stateBadge } from '../../report/html';
import { FILTER_FIELDS, reasonOf, type FilterField, type SampleFilter, type SamplePage } from '../samples-query';
import { rowCategory } from '../../config/results';
import { urls } from '../urls';
import { viewPage } from './layout';

/** The Samples table: filtered and paged on the server, so a 100,000-row run pages as fast as a small one. */
export function samplesPage(run: string, f: SampleFilter, page: SamplePage, menus: Record<FilterField, [string, number][]>): string {
  const select = (k: FilterField) =>
    `<label>${k} <select name="${k}"><option value="">any</option>${menus[k].map(([v, n]) => `<option value="${esc(v)}"${f[k] === v ? ' selected' : ''}>${esc(v)} (${int(n)})</option>`).join('')}</select></label>`;
  const form = `<form class="filters" method="get">${FILTER_FIELDS.map(select).join(' ')} <label>task id <input type="search" name="q" value="${esc(f.q ?? '')}"></label> <button type="submit">Filter</button> <a href="${urls.samples(run)}">clear</a></form>`;
  const rows = page.rows.map(
    (r) =>
      `<tr data-status="${esc(r.status)}" data-task="${esc(r.task_id)}"><td><a href="${urls.sample(run, r)}">${esc(r.task_id)}</a></td><td>${esc(r.phase)}</td><td>${esc(r.arm)}</td><td class="num">${r.sample}</td><td>${stateBadge(r.status)}</td><td>${esc(reasonOf(r) ?? '')}</td><td>${esc(rowCategory(r) ?? '')}</td><td class="num">${int(r.duration_ms)} ms</td><td class="num">${int(r.tokens_in)} / ${int(r.tokens_out)}</td><td class="num">${esc(usd(r.cost_usd))}</td></tr>`,
  );
  const filterArgs = Object.fromEntries(Object.entries(f).filter(([, v]) => v)) as Record<string, string>;
  const pageLink = (n: number, label: string) => (n >= 1 && n <= page.pages && n !== page.page ? `<a href="${urls.samples(run, { ...filterArgs, page: n })}" data-page="${n}">${label}</a>` : `<span class="meta">${label}</span>`);
  const pager = `<p class="pager">${pageLink(1, '« first')} ${pageLink(page.page - 1, '‹ prev')} page <span data-page-now>${page.page}</span> of ${page.pages} ${pageLink(page.page + 1, 'next ›')} ${pageLink(page.pages, 'last »')}</p>`;
  const body = [
    `<h1>Samples of ${esc(run)}</h1>`,
    form,
    `<p><span data-total-rows>${int(page.total)}</span> rows match.</p>`,
    pager,
    `<table id="samples"><thead><tr><th>Task</th><th>Phase</th><th>Arm</th><th>Sample</th><th>Status</th><th>Reason / error kind</th><th>Category</th><th>Duration</th><th>Tokens in / out</th><th>Cost</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`,
    pager,
  ];
  return viewPage(`Samples of ${run}`, body.join('\n'), { run });
}
