import { int, usd } from '../../report/format';
import { escapeHtml as esc, stateBadge } from '../../report/html';
import type { SampleDetail } from '../run-data';
import { reasonOf } from '../samples-query';
import { rowCategory } from '../../config/results';
import { urls } from '../urls';
import { viewPage } from './layout';

const block = (title: string, text: string | undefined | null, cls = '') => (text ? `<h2>${esc(title)}</h2><pre class="${cls}" data-block="${esc(title)}">${esc(text)}</pre>` : '');

/** A unified diff with its added and removed lines coloured. */
function diffHtml(diff: string): string {
  const lines = diff.split('\n').map((l) => {
    const cls = l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : l.startsWith('@@') ? 'hunk' : '';
    return `<span class="${cls}">${esc(l)}</span>`;
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}

function transcriptHtml(t: NonNullable<SampleDetail['transcript']>): string {
  if (!t.lines.length) return `<h2>Transcript</h2><p class="meta">${esc(t.file)} is missing or empty.</p>`;
  const turn = (x: unknown, i: number) => {
    const o = x && typeof x === 'object' ? (x as Record<string, unknown>) : { text: x };
    const role = String(o.role ?? o.type ?? o.kind ?? `turn ${i + 1}`);
    const content = o.content ?? o.text ?? o.tool_call ?? o.result ?? o;
    return `<div class="turn turn-${esc(role)}"><div class="meta">${esc(role)}</div><pre>${esc(typeof content === 'string' ? content : JSON.stringify(content, null, 2))}</pre></div>`;
  };
  return `<h2>Transcript <small class="meta">(${esc(t.file)})</small></h2>${t.lines.map(turn).join('')}`;
}

export function samplePage(run: string, d: SampleDetail, otherArms: { arm: string; status: string | null }[]): string {
  const r = d.row;
  const code = d.sample?.code;
  const facts: [string, string][] = [
    ['Status', stateBadge(r.status)],
    ['Reason', esc(reasonOf(r) ?? '-')],
    ['Category', esc(rowCategory(r) ?? '-')],
    ['Score', esc(r.score ?? 'n/a')],
    ['Duration', `${int(r.duration_ms)} ms`],
    ['Tokens in / out', `${int(r.tokens_in)} / ${int(r.tokens_out)}`],
    ['Cost', esc(usd(r.cost_usd))],
    ['Cached answer', r.cached ? 'yes' : 'no'],
    ['Attempt', esc(r.attempt ?? 1)],
    ['Recorded', esc(r.recorded_at)],
  ];
  const arms = otherArms.map((o) => `<a href="${urls.sample(run, { ...r, arm: o.arm })}">${esc(o.arm)}</a> ${o.status ? stateBadge(o.status) : ''}`).join(' · ');
  const body = [
    `<h1>${esc(r.task_id)} <small class="meta">${esc(r.phase)} / ${esc(r.arm)} / sample ${r.sample}</small></h1>`,
    `<table class="facts"><tbody>${facts.map(([k, v]) => `<tr><th>${esc(k)}</th><td data-fact="${esc(k)}">${v}</td></tr>`).join('')}</tbody></table>`,
    arms ? `<p>Same task in other arms: ${arms}</p>` : '',
    d.sampleProblem ? `<div class="warn">${esc(d.sampleProblem)}</div>` : '',
    // Why it failed comes first on a failed sample: that is what the page was opened for.
    r.status !== 'passed' ? block('stderr (tail)', r.stderr_tail, 'stderr') : '',
    block('Prompt', d.sample?.input ?? code?.prompt),
    d.sample?.target && d.sample.target !== code?.canonical_solution ? block('Target', d.sample.target) : '',
    block('Answer', r.answer ?? r.answer_tail),
    r.extracted !== undefined ? block('Extracted answer', r.extracted) : '',
    block('Extracted program', d.program),
    r.status === 'passed' ? block('stderr (tail)', r.stderr_tail, 'stderr') : '',
    block('Tests', code?.test_code),
    r.metadata ? block('Scorer metadata', JSON.stringify(r.metadata, null, 2)) : '',
    d.survivors
      ? `<h2>Surviving mutants (${d.survivors.length})</h2>${d.survivors.length ? d.survivors.map((m) => `<h3>${esc(m.id)} · ${esc(m.operator)} · line ${m.line}</h3><p class="meta">${esc(m.description)}</p>${diffHtml(m.diff)}`).join('') : '<p>None: the tests catch every valid mutant.</p>'}`
      : '',
    d.transcript ? transcriptHtml(d.transcript) : '',
    code ? block('Canonical solution', code.canonical_solution) : '',
  ];
  return viewPage(`${r.task_id} (${r.arm})`, body.join('\n'), { run });
}
