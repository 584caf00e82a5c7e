import type { Command } from 'commander';
import { compareRuns, formatComparison } from '../../analysis/compare';

export function register(program: Command): void {
  program
    .command('compare')
    .description(
      'Per-task paired comparison of two runs, or of two arms of one run (`compare R R --arm x --arm-b y`): pass rates, ' +
        'fixed and broken tasks, McNemar exact test. Error-only and one-sided tasks are listed and left out of the test.',
    )
    .argument('<runA>', 'run output directory or run id (A, the baseline)')
    .argument('<runB>', 'run output directory or run id (B)')
    .option('--phase <name>', 'phase to compare (default: the only phase with rows, else the only benchmark phase)')
    .option('--arm <name>', 'arm of run A (and of run B unless --arm-b)')
    .option('--arm-b <name>', 'arm of run B')
    .option('--json', 'print the comparison as JSON')
    .option('--runs-dir <dir>', 'where run ids are looked up (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .action(async (runA: string, runB: string, opts: { phase?: string; arm?: string; armB?: string; json?: boolean; runsDir?: string }) => {
      const c = await compareRuns(runA, runB, { phase: opts.phase, arm: opts.arm, armB: opts.armB, runsRoot: opts.runsDir });
      console.log(opts.json ? JSON.stringify(c, null, 2) : formatComparison(c));
    });
}
