import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { RunInputSchema, type RunConfigInput } from '../../config/run-config';
import type { RunOutcome } from '../../workflows/benchmark-run';
import { sleep } from './procs';

export async function startRun(client: Client, taskQueue: string, workflowId: string, config: RunConfigInput) {
  return client.workflow.start('benchmarkRun', { taskQueue, workflowId, args: [RunInputSchema.parse({ config })] });
}

/**
 * Waits for a workflow to close by polling describe(): unlike result(), a poll survives the
 * server being down for a while (each failed poll is just retried). Returns the outcome.
 */
export async function waitForRun(client: Client, workflowId: string, timeoutMs: number, onTick?: () => Promise<void> | void): Promise<RunOutcome> {
  const t0 = Date.now();
  const handle = client.workflow.getHandle(workflowId);
  // Between polls, a long-poll for the close ends the wait the moment the run closes (a bare
  // 1 s poll adds up to 1 s to every measured wall time); a failed long-poll just waits for the next.
  let closed: Promise<void> | null = null;
  const untilClosed = () =>
    (closed ??= handle.result().then(
      () => undefined,
      () => sleep(1000).then(() => void (closed = null)),
    ));
  for (;;) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`run ${workflowId} did not finish within ${Math.round(timeoutMs / 1000)} s`);
    await onTick?.();
    try {
      const d = await handle.describe();
      if (d.status.name !== 'RUNNING') {
        if (d.status.name !== 'COMPLETED') throw new Error(`run ${workflowId} ended ${d.status.name}`);
        return (await handle.result()) as RunOutcome;
      }
    } catch (e) {
      if (/ended /.test((e as Error).message)) throw e;
      // server unreachable (being restarted): try again
    }
    await Promise.race([sleep(1000), untilClosed()]);
  }
}

/**
 * Complete result rows in a results.jsonl, cheaply (no schema): for progress-driven fault timing.
 * Not for invariants (those use the real tolerant reader).
 */
export function rowCount(outDir: string): number {
  const file = path.join(outDir, 'results.jsonl');
  try {
    if (statSync(file).size === 0) return 0;
    const text = readFileSync(file, 'utf8');
    let n = 0;
    for (const line of text.split('\n')) if (line.startsWith('{"run_id"') && line.endsWith('}')) n++;
    return n;
  } catch {
    return 0;
  }
}
