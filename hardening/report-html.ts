import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MutationTestResult } from 'mutation-testing-report-schema';

let bundle: string | undefined;

/** The browser bundle of mutation-testing-elements (an IIFE that defines <mutation-test-report-app>). */
function elementsBundle(): string {
  if (bundle === undefined) {
    const file = createRequire(import.meta.url).resolve('mutation-testing-elements/dist/mutation-test-elements.js');
    bundle = readFileSync(file, 'utf8');
  }
  return bundle;
}

/** Text placed inside <script>: `</script` or `<!--` would end or confuse the element early. */
function scriptSafe(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A self-contained HTML report (no CDN: the elements bundle and the report are inlined). */
export function renderMutationHtml(report: MutationTestResult, title = 'Gauntlet mutation report'): string {
  // JSON with every `<` escaped is valid JS and can never close the script element.
  const data = JSON.stringify(report).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<script>${scriptSafe(elementsBundle())}</script>
</head>
<body>
<mutation-test-report-app title-postfix="${escapeHtml(title)}"></mutation-test-report-app>
<script>
document.querySelector('mutation-test-report-app').report = ${data};
</script>
</body>
</html>
`;
}
