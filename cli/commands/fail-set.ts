import { Command, Option } from 'commander';
import { failSetFromRuns, formatFailSetSummary } from '../../analysis/fail-set';
import { writeJsonAtomic } from '../../store/atomic';

export function register(program: Command): void {
  program
    .command('fail-set')
    .alias('analyze-failures')
    .description(
      'Task ids that failed in the given runs, as JSON for `gauntlet run --sample-ids`. A task failed when no sample passed; ' +
        'tasks with only error rows are not failures unless --include-errors; ids absent from a run are reported under "missing".',
    )
    .argument('<run...>', 'run output directories or run ids')
    .addOption(new Option('--intersect', 'keep ids that failed in every run').conflicts('union'))
    .addOption(new Option('--union', 'keep ids that failed in any run (default)'))
    .option('--phase <name>', 'phase to read (default: the only phase with rows, else the only benchmark phase)')
    .option('--arm <name>', 'arm to read (default: the only arm of the phase)')
    .option('--include-errors', 'count tasks whose samples are all error rows as failures')
    .option('-o, --output <file>', 'write the fail set here (default: JSON on stdout, summary on stderr)')
    .option('--runs-dir <dir>', 'where run ids are looked up (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .action(async (runs: string[], opts: { intersect?: boolean; phase?: string; arm?: string; includeErrors?: boolean; output?: string; runsDir?: string }) => {
      const fs = await failSetFromRuns(runs, {
        mode: opts.intersect ? 'intersect' : 'union',
        includeErrors: !!opts.includeErrors,
        phase: opts.phase,
        arm: opts.arm,
        runsRoot: opts.runsDir,
      });
      if (opts.output) {
        await writeJsonAtomic(opts.output, fs);
        console.log(`${formatFailSetSummary(fs)}\nwrote ${opts.output}`);
      } else {
        process.stdout.write(JSON.stringify(fs, null, 2) + '\n');
        console.error(formatFailSetSummary(fs));
      }
    });
}
