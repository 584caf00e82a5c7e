import path from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../store/atomic';
import type { SuiteMutation } from './mutate';
import { renderMutationHtml } from './report-html';
import { toMutationReport } from './report-json';
import { renderMutationSummary } from './summary';

export interface MutationReportFiles {
  json: string;
  html: string;
  markdown: string;
}

/** Writes mutation-report.json (schema format), .html (self-contained) and .md into outDir, atomically. */
export async function writeMutationReports(outDir: string, suite: SuiteMutation, meta: { suite: string; operators?: readonly string[] }): Promise<MutationReportFiles> {
  const files = {
    json: path.join(outDir, 'mutation-report.json'),
    html: path.join(outDir, 'mutation-report.html'),
    markdown: path.join(outDir, 'mutation-report.md'),
  };
  const report = toMutationReport(suite, meta);
  await writeJsonAtomic(files.json, report);
  await writeFileAtomic(files.html, renderMutationHtml(report, `${meta.suite} mutation report`));
  await writeFileAtomic(files.markdown, renderMutationSummary(suite, { suite: meta.suite }));
  return files;
}
