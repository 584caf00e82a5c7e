import type { Client } from '@temporalio/client';
import { WorkflowFailedError } from '@temporalio/client';
import type { RunProgress } from '../contract/messages';
import { liveProgress } from './live-progress';
import type { RunOutcome } from '../workflows/benchmark-run';
import { progressLine } from './progress-bar';

/**
 * Follows a run until it ends. Ctrl+C detaches (the run goes on in Temporal). Exit codes:
 * 0 completed, 1 failed/cancelled, 2 exhausted (usage or budget; prints the resume command).
 */
export async function waitForRun(client: Client, workflowId: string, outDir: string): Promise<number> {
  const handle = client.workflow.getHandle(workflowId);
  const tty = process.stderr.isTTY;
  let detached = false;
  const onSigint = () => {
    detached = true;
    process.stderr.write(
      `\ndetached: the run goes on.\n  follow: gauntlet status ${workflowId}\n  pause:  gauntlet pause ${workflowId}\n  cancel: gauntlet cancel ${workflowId}\n`,
    );
    process.exit(0);
  };
  process.once('SIGINT', onSigint);
  const result = handle.result() as Promise<RunOutcome>;
  let settled = false;
  result.then(
    () => (settled = true),
    () => (settled = true),
  );
  let last = '';
  while (!settled && !detached) {
    try {
      const p: RunProgress = await liveProgress(client, workflowId);
      const line = progressLine(p);
      if (line !== last) process.stderr.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
      last = line;
    } catch {
      // not yet started by a worker, or finishing: the next poll tells
    }
    await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, tty ? 500 : 5000))]);
  }
  process.off('SIGINT', onSigint);
  if (tty) process.stderr.write('\n');
  try {
    const out = await result;
    for (const p of out.phases) process.stderr.write(`  phase ${p.name}: ${p.state}${p.attempts > 1 ? ` after ${p.attempts} attempts` : ''}${p.message ? ` — ${p.message}` : ''}\n`);
    process.stderr.write(`run ${out.run_id}: ${out.state}\n`);
    if (out.report.md) process.stdout.write(`${out.report.md}\n`);
    if (out.state === 'exhausted') {
      process.stderr.write(`usage exhausted or budget reached. When the quota is back, continue with:\n  gauntlet run --resume --output ${out.output_dir} --wait\n`);
      return 2;
    }
    return out.state === 'completed' ? 0 : 1;
  } catch (e) {
    const msg = e instanceof WorkflowFailedError ? `${e.message}: ${e.cause?.message ?? ''}` : (e as Error).message;
    process.stderr.write(`run ${workflowId} did not complete: ${msg}\n  output so far: ${outDir}\n`);
    return 1;
  }
}
