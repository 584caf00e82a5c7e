import path from 'node:path';
import type { Command } from 'commander';
import type { RunProgress } from '../../contract/messages';
import { CliError } from '../errors';
import { addConnectionFlags, type ConnectionFlags } from '../connection-flags';
import { fmtDuration } from '../progress-bar';
import { resolveRun } from '../../analysis/runs';
import { formatRunSummary, summarizeRun, type RunSummary } from '../../analysis/summary';

/** The run's summary from its files, when they are reachable from here (else null: the state alone is shown). */
async function runSummaryOrNull(run: string): Promise<RunSummary | null> {
  try {
    return await summarizeRun((await resolveRun(run)).dir);
  } catch {
    return null;
  }
}

/** run.json says the run ended (finalizeRun writes its state and ended_at just before the workflow closes). */
const ended = (s: RunSummary | null): s is RunSummary & { ended_at: string } => !!s?.ended_at && s.state !== 'running' && s.state !== 'paused';

function printSummary(id: string, state: string, s: RunSummary | null, json: boolean, extra: Record<string, unknown> = {}): void {
  if (json) process.stdout.write(JSON.stringify({ workflow_id: id, status: state, ...extra, progress: null, summary: s }, null, 2) + '\n');
  else process.stdout.write(`${id}: ${state}\n${s ? formatRunSummary(s) + '\n' : ''}`);
}

export function register(program: Command): void {
  const cmd = program
    .command('status')
    .description('show a run: state, phases, per-arm counters, ETA (from the running workflow)')
    .argument('<run>', 'run id, workflow id or output directory')
    .option('--json', 'print the progress query result as JSON');
  addConnectionFlags(cmd);
  cmd.action(async (run: string, o: { json?: boolean } & ConnectionFlags) => {
      const files = await runSummaryOrNull(run);
      // A run its files say has ended is answered from them alone: the Temporal client's import
      // and a round trip are most of the command's time (issue 10: status < 0.6 s), and a closed
      // run's workflow has nothing the files lack. A resumed run is `running` in run.json again.
      if (ended(files)) {
        printSummary(files.workflow_id ?? run, `${files.state.toUpperCase()} (ended ${files.ended_at}; from run.json)`, files, !!o.json, { source: 'run.json' });
        return;
      }
      const [{ connectClient, describeOrNull, resolveWorkflowId }, { liveProgress }] = await Promise.all([import('../client'), import('../live-progress')]);
      const client = await connectClient(o);
      const id = await resolveWorkflowId(run);
      const desc = await describeOrNull(client, id);
      if (!desc) throw new CliError(`no workflow ${id} on this Temporal server; for a finished run's files use \`gauntlet show ${run}\``);
      if (desc.status.name !== 'RUNNING') {
        // A closed run answers a query only after a worker replays its history (seconds, or a hang
        // with no worker up): its files say the same, at once.
        printSummary(id, desc.status.name, files, !!o.json);
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
