import { createProgressWriter } from './';

type Writer = ReturnType<typeof createProgressWriter>;
const writers = new Map<string, Writer>();

/** One throttled progress.html writer per output directory in this worker. */
export function progressWriterFor(outputDir: string): Writer {
  let w = writers.get(outputDir);
  if (!w) writers.set(outputDir, (w = createProgressWriter(outputDir, { minIntervalMs: 5000 })));
  return w;
}

export async function flushProgress(outputDir: string): Promise<void> {
  await writers.get(outputDir)?.flush();
}
