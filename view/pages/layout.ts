import { escapeHtml as esc, htmlPage } from '../../report/html';
import { urls } from '../urls';

/** The page shell: the report's styles plus the viewer's, a top bar, and the client script. */
export function viewPage(title: string, body: string, opts: { run?: string; charts?: boolean } = {}): string {
  const head = [
    `<link rel="stylesheet" href="${urls.asset('view.css')}">`,
    opts.charts ? `<script src="${urls.asset('chart.umd.min.js')}" defer></script>` : '',
    `<script src="${urls.asset('view.js')}" defer></script>`,
  ].join('\n');
  const nav = [
    `<a href="${urls.runs()}">Runs</a>`,
    ...(opts.run
      ? [
          `<a href="${urls.run(opts.run)}">Run ${esc(opts.run)}</a>`,
          `<a href="${urls.samples(opts.run)}">Samples</a>`,
          `<a href="${urls.compare({ a: opts.run, b: opts.run })}">Compare</a>`,
          `<a href="${urls.report(opts.run)}">report.html</a>`,
        ]
      : [`<a href="${urls.compare()}">Compare</a>`]),
  ].join('');
  return htmlPage(title, `<nav class="top"><strong>Gauntlet</strong>${nav}</nav>\n${body}`, { head });
}

/** JSON for the client script, safe inside a <script> element. */
export function dataScript(id: string, data: unknown): string {
  return `<script type="application/json" id="${esc(id)}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
