export { writeReport, REPORT_FORMATS, type ReportFormat, type WriteReportOptions, type WriteReportResult } from './write-report';
export { summarizeRun, type SummarizeInput } from './summarize';
export { loadRunSummary } from './load-summary';
export { readRunFiles, type RunFiles } from './read-run-files';
export { passAtK, estimatePassAtK, wilsonInterval, meanInterval, type PassAtKEstimate, type TaskCounts } from './pass-at-k';
export { renderMarkdown } from './render-md';
export { renderHtml } from './render-html';
export type { RunSummary, PhaseSummary, ArmSummary, RunHealth } from './types';
