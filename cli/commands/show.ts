import type { Command } from 'commander';
import { resolveRun } from '../../analysis/runs';
import { formatRunSummary, summarizeRun } from '../../analysis/summary';

export function register(program: Command): void {
  program
    .command('show')
    .description("One run's summary from its output directory: state, phases, arms, pass rates per phase and arm, errors")
    .argument('<run>', 'run output directory or run id')
    .option('--json', 'print the summary as JSON')
    .option('--runs-dir <dir>', 'where run ids are looked up (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .action(async (run: string, opts: { json?: boolean; runsDir?: string }) => {
      const s = await summarizeRun((await resolveRun(run, { runsRoot: opts.runsDir })).dir);
      console.log(opts.json ? JSON.stringify(s, null, 2) : formatRunSummary(s));
    });
}
