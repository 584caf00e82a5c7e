import { readRunFiles } from './read-run-files';
import { summarizeRun } from './summarize';
import type { RunSummary } from './types';

export interface LoadSummaryOptions {
  now?: Date;
  /** Forces the partial banner (the caller knows the run was cancelled before run.json says so). */
  partialReason?: string;
}

/** Reads an output directory and summarizes it: the one path shared by the report and progress.html. */
export async function loadRunSummary(outputDir: string, opts: LoadSummaryOptions = {}): Promise<RunSummary> {
  const files = await readRunFiles(outputDir);
  return summarizeRun({
    rows: files.rows,
    record: files.record,
    crashes: files.crashes,
    mutation: files.mutation,
    config: files.config,
    now: opts.now,
    inputs: { skipped_lines: files.skipped_lines, duplicates: files.duplicates },
    warnings: files.warnings,
    partialReason: opts.partialReason,
  });
}
