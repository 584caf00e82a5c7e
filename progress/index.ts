export { renderProgressPage, PROGRESS_REFRESH_SECONDS } from './render-page';
export { writeProgressPage, createProgressWriter, PROGRESS_FILE, type ProgressWriterOptions } from './write-page';
export { progressFromSummary, estimateEta, type RunProgress, type PhaseProgress, type ArmProgress } from './progress-view';
export { coalesce, type Coalescer, type CoalesceOptions } from './coalesce';
