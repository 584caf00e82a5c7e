import path from 'node:path';
import { writeFileAtomic } from '../store/atomic';
import { loadRunSummary, type LoadSummaryOptions } from './load-summary';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';
import type { RunSummary } from './types';

export const REPORT_FORMATS = ['md', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface WriteReportOptions extends LoadSummaryOptions {
  /** Default: all three. */
  formats?: readonly ReportFormat[];
}

export interface WriteReportResult {
  /** Absolute-or-as-given path of each file written, by format. */
  paths: Partial<Record<ReportFormat, string>>;
  summary: RunSummary;
}

const RENDER: Record<ReportFormat, (s: RunSummary) => string> = {
  md: renderMarkdown,
  json: (s) => JSON.stringify(s, null, 2) + '\n',
  html: renderHtml,
};

/**
 * Writes report.md / report.json / report.html of an output directory, each atomically, from
 * results.jsonl, run.json and crash_log.json (any of them may be missing or damaged).
 * Idempotent: a retried report activity rewrites the same files.
 */
export async function writeReport(outputDir: string, opts: WriteReportOptions = {}): Promise<WriteReportResult> {
  const summary = await loadRunSummary(outputDir, opts);
  const formats = [...new Set(opts.formats ?? REPORT_FORMATS)];
  const paths: Partial<Record<ReportFormat, string>> = {};
  await Promise.all(
    formats.map(async (f) => {
      const file = path.join(outputDir, `report.${f}`);
      await writeFileAtomic(file, RENDER[f](summary));
      paths[f] = file;
    }),
  );
  return { paths, summary };
}
