import { Command, Option } from 'commander';
import { loadSamples } from '../../eval/load';
import { RefError } from '../../eval/errors';
import { integer, positiveInteger } from '../parse';
import { AnalysisError } from '../../analysis/errors';
import { makeSubset, SUBSET_STRATEGIES, type SubsetStrategy } from '../../analysis/subset';
import { writeJsonAtomic } from '../../store/atomic';


export function register(program: Command): void {
  program
    .command('subset')
    .description('A reproducible subset of a suite, as JSON for `gauntlet run --sample-ids` (same seed, same subset)')
    .argument('<suite>', 'suite name')
    .requiredOption('--size <n>', 'number of tasks', positiveInteger('--size'))
    .addOption(new Option('--strategy <s>', 'first N, seeded random, or stratified over --by').choices(SUBSET_STRATEGIES).default('first'))
    .option('--seed <s>', 'PRNG seed for random and stratified (default 0)', integer('--seed'))
    .option('--by <field>', 'task field to stratify by; without it on any task, the task id prefix before _ or /', 'category')
    .option('--data <path>', "the suite's data file")
    .option('-o, --output <file>', 'write the subset here (default: JSON on stdout)')
    .action(async (suite: string, opts: { size: number; strategy: SubsetStrategy; seed?: number; by: string; data?: string; output?: string }) => {
      const { samples } = await loadSamples({ name: suite, ...(opts.data ? { data: opts.data } : {}) }).catch((e) => {
        throw e instanceof RefError ? new AnalysisError(e.message) : e;
      });
      // Stratify over the sample's metadata (category, subtask, ...) and, for code suites, its task fields.
      const tasks = samples.map((s) => ({ ...s.code, ...s.metadata, task_id: s.id }));
      const subset = makeSubset(tasks, suite, { size: opts.size, strategy: opts.strategy, seed: opts.seed, by: opts.by });
      const strata = subset.strata ? ` over ${subset.by}: ${Object.entries(subset.strata).map(([k, v]) => `${k} ${v.chosen}/${v.tasks}`).join(', ')}` : '';
      const summary = `${subset.sample_ids.length} of ${tasks.length} tasks of ${suite} (${subset.strategy}${subset.seed !== null ? `, seed ${subset.seed}` : ''})${strata}`;
      if (opts.output) {
        await writeJsonAtomic(opts.output, subset);
        console.log(`${summary}\nwrote ${opts.output}`);
      } else {
        process.stdout.write(JSON.stringify(subset, null, 2) + '\n');
        console.error(summary);
      }
    });
}
