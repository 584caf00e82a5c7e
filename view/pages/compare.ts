import type { Comparison } from '../../analysis/compare';
import { pct } from '../../report/format';
import { escapeHtml as esc } from '../../report/html';
import { urls } from '../urls';
import { viewPage } from './layout';

export interface CompareChoice {
  a?: string;
  b?: string;
  phase?: string;
  arm_a?: string;
  arm_b?: string;
}

/** Two runs, or two arms of one run: paired per task (analysis/compare.ts), each task linked to both sides' samples. */
export function comparePage(runIds: readonly string[], choice: CompareChoice, result: { comparison: Comparison; both_passed: string[] } | { problem: string } | null): string {
  const opt = (v: string | undefined) => runIds.map((id) => `<option${id === v ? ' selected' : ''}>${esc(id)}</option>`).join('');
  const form = `<form class="filters" method="get">
<label>run A <select name="a"><option value="">choose</option>${opt(choice.a)}</select></label> <label>arm A <input name="arm_a" value="${esc(choice.arm_a ?? '')}" size="12"></label>
<label>run B <select name="b"><option value="">choose</option>${opt(choice.b)}</select></label> <label>arm B <input name="arm_b" value="${esc(choice.arm_b ?? '')}" size="12"></label>
<label>phase <input name="phase" value="${esc(choice.phase ?? '')}" size="12"></label> <button type="submit">Compare</button></form>
<p class="meta">Two arms of one run: the same run on both sides with two arms. Empty fields are chosen when there is only one choice.</p>`;
  const parts = ['<h1>Compare</h1>', form];
  if (result && 'problem' in result) parts.push(`<div class="warn">${esc(result.problem)}</div>`);
  else if (result) {
    const c = result.comparison;
    const link = (id: string) => `<a href="${urls.task(choice.a ?? c.a.run_id, c.a.phase, c.a.arm, id)}">A</a> <a href="${urls.task(choice.b ?? c.b.run_id, c.b.phase, c.b.arm, id)}">B</a>`;
    const list = (key: string, title: string, ids: readonly string[]) =>
      `<h2>${esc(title)} <small class="meta">(${ids.length})</small></h2><ul class="ids" data-set="${key}">${ids.map((id) => `<li data-task="${esc(id)}"><code>${esc(id)}</code> ${link(id)}</li>`).join('')}</ul>`;
    const side = (label: string, s: Comparison['a'], onPaired: number | null) =>
      `<tr><th>${label}</th><td>${esc(s.run_id)}</td><td>${esc(s.phase)}</td><td>${esc(s.arm)}</td><td class="num">${pct(s.pass_rate)} (${s.tasks_passed}/${s.tasks_scored})</td><td class="num">${pct(onPaired)}</td></tr>`;
    parts.push(
      `<table><thead><tr><th></th><th>Run</th><th>Phase</th><th>Arm</th><th>Task pass rate</th><th>On the paired set</th></tr></thead><tbody>${side('A', c.a, c.paired.pass_rate_a)}${side('B', c.b, c.paired.pass_rate_b)}</tbody></table>`,
      `<p>Paired tasks: ${c.paired.tasks} · fixed <strong data-count="fixed">${c.paired.fixed.length}</strong> · broken <strong data-count="broken">${c.paired.broken.length}</strong> · both failed ${c.paired.both_failed.length} · both passed ${c.paired.both_passed} · McNemar exact (b=${c.mcnemar.b}, c=${c.mcnemar.c}): <strong data-mcnemar>p = ${c.mcnemar.p_value >= 0.001 ? c.mcnemar.p_value.toFixed(4) : c.mcnemar.p_value.toExponential(2)}</strong></p>`,
      list('fixed', 'Fixed (A failed, B passed)', c.paired.fixed),
      list('broken', 'Broken (A passed, B failed)', c.paired.broken),
      list('both-failed', 'Both failed', c.paired.both_failed),
      list('both-passed', 'Both passed', result.both_passed),
    );
    const x = c.excluded;
    if (x.only_in_a.length || x.only_in_b.length || x.errors_only.length)
      parts.push(`<p class="meta">Left out of the test: only in A ${x.only_in_a.length}, only in B ${x.only_in_b.length}, error rows only on a side ${x.errors_only.length}.</p>`);
  }
  return viewPage('Compare', parts.join('\n'), { run: choice.a && choice.a === choice.b ? choice.a : undefined });
}
