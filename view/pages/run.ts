import { int, usd } from '../../report/format';
import { escapeHtml as esc, stateBadge } from '../../report/html';
import { healthSection, phaseSection } from '../../report/render-html';
import type { RunSummary } from '../../report/types';
import type { LiveStatus } from '../live';
import type { Timeline } from '../run-data';
import { urls } from '../urls';
import { dataScript, viewPage } from './layout';

/** What view.js draws with Chart.js: pass rate per category and arm, units over time, mutation score per operator. */
export function chartData(s: RunSummary, timeline: Timeline) {
  return {
    // A mutation phase's "pass" is "no surviving mutant": its chart is the per-operator one.
    categories: s.phases
      .filter((p) => p.categories.length && p.kind !== 'mutation')
      .map((p) => ({
        phase: p.name,
        labels: p.categories.map((c) => c.category),
        arms: p.arms.map((a) => ({ arm: a.arm, values: p.categories.map((c) => (c.arms[a.arm]?.pass_rate ?? null)) })),
      })),
    timeline,
    operators: s.phases
      .filter((p) => p.mutation)
      .map((p) => ({ phase: p.name, labels: p.mutation!.by_operator.map((o) => o.operator), values: p.mutation!.by_operator.map((o) => o.score) })),
  };
}

export function livePanel(run: string, live: LiveStatus): string {
  const bar = live.total ? `<progress max="${live.total}" value="${live.done}" data-live-bar></progress>` : '<progress data-live-bar></progress>';
  const waits = live.waiting.map((w) => `<li>${esc(w.provider)} ${esc(w.failure_class)} in ${esc(w.phase)} since ${esc(w.since)}: next retry at <strong>${esc(w.next_retry_at)}</strong></li>`).join('');
  return `<section id="live" class="live" data-api="${urls.apiLive(run)}" data-finished="${live.finished}">
<div><span class="state state-${esc(live.state)}" data-live="state">${esc(live.state)}</span> <span data-live="headline">${live.headline === live.state ? '' : esc(live.headline)}</span></div>
<div>${bar} <span data-live="done">${int(live.done)}</span> / <span data-live="total">${live.total === null ? '?' : int(live.total)}</span> units ·
<span data-live="passed">${int(live.passed)}</span> passed · <span data-live="failed">${int(live.failed)}</span> failed · <span data-live="errors">${int(live.errors)}</span> errors ·
<span data-live="cost">${esc(usd(live.cost_usd))}</span> · updated <span data-live="updated">${esc(live.updated_at)}</span></div>
<ul data-live="waits">${waits}</ul>
<div class="meta" data-live="problem">${esc(live.progress_problem ?? '')}</div>
</section>`;
}

export function runPage(run: string, s: RunSummary, live: LiveStatus, timeline: Timeline): string {
  const href = (phase: string, arm: string, task: string) => urls.task(run, phase, arm, task);
  const charts = chartData(s, timeline);
  const chartBlocks = [
    ...charts.categories.map((c, i) => `<figure><figcaption>Pass rate per category and arm: ${esc(c.phase)}</figcaption><canvas data-chart="categories" data-i="${i}"></canvas></figure>`),
    timeline.series.length ? `<figure><figcaption>Units finished over time (waits and crashes marked)</figcaption><canvas data-chart="timeline"></canvas></figure>` : '',
    ...charts.operators.map((c, i) => `<figure><figcaption>Mutation score per operator: ${esc(c.phase)}</figcaption><canvas data-chart="operators" data-i="${i}"></canvas></figure>`),
  ].filter(Boolean);
  const phases = s.phases.map((p) => {
    const links = p.arms.map((a) => `<a href="${urls.samples(run, { phase: p.name, arm: a.arm })}">${esc(a.arm)}: all</a> · <a href="${urls.samples(run, { phase: p.name, arm: a.arm, status: 'failed' })}">failed</a>`).join(' | ');
    return `<div class="phase" data-phase="${esc(p.name)}">${phaseSection(p, { failedTaskHref: href })}<p class="meta">Samples: ${links || 'none yet'}</p></div>`;
  });
  const body = [
    `<h1>Run ${esc(s.run_id ?? run)}</h1>`,
    s.partial ? `<p class="banner">PARTIAL: ${esc(s.partial_reason)}. Figures cover only the units that finished.</p>` : '',
    `<p class="meta">Workflow ${esc(s.workflow_id ?? 'n/a')} · state ${stateBadge(s.state)} · created ${esc(s.created_at ?? 'n/a')} · ended ${esc(s.ended_at ?? 'n/a')}</p>`,
    `<p data-totals>Units: <span data-total="done">${int(s.totals.done)}</span> done (<span data-total="passed">${int(s.totals.passed)}</span> passed, <span data-total="failed">${int(s.totals.failed)}</span> failed, <span data-total="errors">${int(s.totals.errors)}</span> errors) · tokens ${int(s.totals.tokens_in)} in / ${int(s.totals.tokens_out)} out · cost <span data-total="cost">${esc(usd(s.totals.cost_usd))}</span></p>`,
    livePanel(run, live),
    chartBlocks.length ? `<div class="charts">${chartBlocks.join('\n')}</div>` : '',
    ...phases,
    healthSection(s.health),
    s.warnings.length ? `<h2>Warnings</h2>${s.warnings.map((w) => `<div class="warn">${esc(w)}</div>`).join('')}` : '',
    dataScript('chart-data', charts),
  ];
  return viewPage(`Run ${s.run_id ?? run}`, body.join('\n'), { run, charts: true });
}
