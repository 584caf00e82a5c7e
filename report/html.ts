/** HTML building blocks for report.html and progress.html: self-contained pages, everything escaped. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330;background:#fff}
h1{font-size:1.5rem;margin-bottom:.25rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dde1e8;padding-bottom:.25rem}h3{font-size:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #dde1e8;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f5f8;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#5b6475}.banner{border:2px solid #c77700;background:#fff4e0;padding:.75rem 1rem;border-radius:6px;font-weight:600}
.warn{background:#fff8e6;border-left:4px solid #c77700;padding:.5rem .75rem;margin:.25rem 0;white-space:pre-wrap}
.bar{background:#eceff3;border-radius:4px;height:14px;min-width:10rem;display:flex;overflow:hidden}
.bar span{display:block;height:100%}.p{background:#2e9e5b}.f{background:#d0453b}.e{background:#8a8f99}
.state{display:inline-block;padding:0 .4rem;border-radius:4px;background:#eceff3}
.state-completed{background:#d8f1e1}.state-failed,.state-fatal{background:#f8d9d6}.state-running{background:#dbe8fb}
.state-exhausted,.state-budget,.state-cancelled{background:#fdebc8}
pre{white-space:pre-wrap;background:#f6f7f9;padding:.5rem;margin:0;font-size:12px}
`;

export function htmlPage(title: string, body: string, opts: { refreshSeconds?: number; head?: string } = {}): string {
  const refresh = opts.refreshSeconds ? `<meta http-equiv="refresh" content="${Math.max(1, Math.round(opts.refreshSeconds))}">\n` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${refresh}<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
${opts.head ?? ''}</head>
<body>
${body}
</body>
</html>
`;
}

/** A table from already-escaped cells; `num` columns are right-aligned. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[], numCols: ReadonlySet<number> = new Set()): string {
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => (numCols.has(i) ? `<td class="num">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export function stateBadge(state: string | null): string {
  const s = state ?? 'unknown';
  return `<span class="state state-${escapeHtml(s)}">${escapeHtml(s)}</span>`;
}

/** A stacked bar of passed / failed / errors against the expected total (or the done count). */
export function outcomeBar(passed: number, failed: number, errors: number, total: number | null): string {
  const denom = Math.max(total ?? 0, passed + failed + errors, 1);
  const seg = (cls: string, n: number, label: string) =>
    n > 0 ? `<span class="${cls}" style="width:${((n / denom) * 100).toFixed(2)}%" title="${n} ${label}"></span>` : '';
  return `<div class="bar">${seg('p', passed, 'passed')}${seg('f', failed, 'failed')}${seg('e', errors, 'errors')}</div>`;
}
