import path from 'node:path';
import { writeFileAtomic } from '../store/atomic';
import { loadRunSummary } from '../report/load-summary';
import { coalesce, type Coalescer } from './coalesce';
import { renderProgressPage } from './render-page';

export const PROGRESS_FILE = 'progress.html';

/** Rebuilds progress.html from the output directory's files (the same summary as the report). */
export async function writeProgressPage(outputDir: string, opts: { now?: Date } = {}): Promise<string> {
  const summary = await loadRunSummary(outputDir, opts);
  const file = path.join(outputDir, PROGRESS_FILE);
  await writeFileAtomic(file, renderProgressPage(summary));
  return file;
}

export interface ProgressWriterOptions {
  /** At most one rewrite per interval (longer when rewrites get slow). Default 1000. */
  minIntervalMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Call poke() after each appended row: rewrites are coalesced to at most one per interval, so a
 * fast phase does not rewrite the page thousands of times. flush() before finishing.
 */
export function createProgressWriter(outputDir: string, opts: ProgressWriterOptions = {}): Coalescer {
  return coalesce(
    async () => {
      await writeProgressPage(outputDir);
    },
    {
      minIntervalMs: opts.minIntervalMs ?? 1000,
      onError: opts.onError ?? ((err) => console.warn(`progress.html in ${outputDir} not updated:`, err)),
    },
  );
}
