import { appendLines } from './atomic';
import { outPath } from './run-record';

/** benchmark.log: human-readable, appended (never truncated), so a resumed run continues the story. */
export async function logLine(dir: string, message: string): Promise<void> {
  await logLines(dir, [message]);
}

export async function logLines(dir: string, messages: string[]): Promise<void> {
  const at = new Date().toISOString();
  await appendLines(outPath(dir, 'log'), messages.map((m) => `${at} ${m}`));
}
