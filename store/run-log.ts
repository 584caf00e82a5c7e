import { appendLines } from './atomic';
import { outPath } from './run-record';

/** benchmark.log: human-readable, appended (never truncated), so a resumed run continues the story. */
export async function logLine(dir: string, message: string): Promise<void> {
  await appendLines(outPath(dir, 'log'), [`${new Date().toISOString()} ${message}`]);
}
