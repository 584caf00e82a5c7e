import path from 'node:path';
import type { Command } from 'commander';
import type { RunProgress } from '../../contract/messages';
import { liveProgress } from '../live-progress';
import { connectClient, describeOrNull, resolveWorkflowId, CliError } from '../client';
import { addConnectionFlags, type ConnectionFlags } from '../connection';
import { fmtDuration } from '../progress-bar';
import { resolveRun } from '../../analysis/runs';
import { formatRunSummary, summarizeRun } from '../../analysis/summary';

/** The run's summary from its files, when they are reachable from here (else null: the state alone is shown). */
async function finishedRunSummary(run: string) {
  try {
    return await summarizeRun((await resolveRun(run)).dir);
  } catch {
    return null;
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('status')
    .description('show a run: state, phases, per-arm counters, ETA (from the running workflow)')
    .argument('<run>', 'run id, workflow id or output directory')
    .option('--json', 'print the progress query result as JSON');
  addConnectionFlags(cmd);
  cmd.action(async (run: string, o: { json?: boolean } & ConnectionFlags) => {
      const client = await connectClient(o);
      const id = await resolveWorkflowId(run);
      const desc = await describeOrNull(client, id);
      if (!desc) throw new CliError(`no workflow ${id} on this Temporal server; for a finished run's files use \`gauntlet show ${run}\``);
      if (desc.status.name !== 'RUNNING') {
        // A closed run answers a query only after a worker replays its history (seconds, or a hang
        // with no worker up): its files say the same, at once.
        const files = await finishedRunSummary(run);
        if (o.json) {
          process.stdout.write(JSON.stringify({ workflow_id: id, status: desc.status.name, progress: null, summary: files }, null, 2) + '\n');
          return;
        }
        process.stdout.write(`${id}: ${desc.status.name}\n${files ? formatRunSummary(files) + '\n' : ''}`);
        return;
      }
      const p: RunProgress = await liveProgress(client, id);
      if (o.json) {
        process.stdout.write(JSON.stringify({ workflow_id: id, status: desc.status.name, progress: p }, null, 2) + '\n');
        return;
      }
      process.stdout.write(`${id}: ${desc.status.name} (${p.state})\n`);
      process.stdout.write(`output: ${p.output_dir}\nstatus page: ${path.join(p.output_dir, 'progress.html')}\n`);
      for (const ph of p.phases) {
        const eta = ph.eta_s != null && ph.state === 'running' ? ` · ETA ${fmtDuration(ph.eta_s)}` : '';
        const waits = ph.waits.count ? ` · waits ${ph.waits.count} (${Math.round(ph.waits.total_s)} s)` : '';
        process.stdout.write(`  ${ph.name} [${ph.kind}] ${ph.state}${ph.attempt > 1 ? ` attempt ${ph.attempt}` : ''}${ph.paused ? ' (paused)' : ''}${eta}${waits}\n`);
        for (const [arm, c] of Object.entries(ph.arms)) {
          const scored = c.passed + c.failed;
          const rate = scored ? ` pass ${((100 * c.passed) / scored).toFixed(1)}%` : '';
          process.stdout.write(`    ${arm.padEnd(20)} ${c.done}/${c.total} ✓${c.passed} ✗${c.failed} !${c.errors}${rate}${c.cost_usd ? ` $${c.cost_usd.toFixed(4)}` : ''}\n`);
        }
      }
    });
}
