import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { loadSamples } from '../../eval/load';
import { RefError } from '../../eval/errors';
import { integer, positiveInteger } from '../parse';
import { AnalysisError } from '../../analysis/errors';
import { makeSubset, SUBSET_STRATEGIES, type SubsetStrategy } from '../../analysis/subset';
import { writeJsonAtomic } from '../../store/atomic';


/** Task ids whose status is `passed` in a validate JSON ({tasks: [{task_id, status}]}). */
function passedIds(file: string): Set<string> {
  let v: { tasks?: { task_id: string; status: string }[] };
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AnalysisError(`--validated ${file}: ${(e as Error).message}; expected the JSON that \`gauntlet validate --json FILE\` writes`);
  }
  if (!Array.isArray(v.tasks)) throw new AnalysisError(`--validated ${file}: no "tasks" list; expected the JSON that \`gauntlet validate --json FILE\` writes`);
  return new Set(v.tasks.filter((t) => t.status === 'passed').map((t) => t.task_id));
}

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
    .option('--validated <file>', 'only tasks that passed every repeat in this `gauntlet validate --json` result (reliable canonical solutions)')
    .option('-o, --output <file>', 'write the subset here (default: JSON on stdout)')
    .action(async (suite: string, opts: { size: number; strategy: SubsetStrategy; seed?: number; by: string; data?: string; validated?: string; output?: string }) => {
      const { samples } = await loadSamples({ name: suite, ...(opts.data ? { data: opts.data } : {}) }).catch((e) => {
        throw e instanceof RefError ? new AnalysisError(e.message) : e;
      });
      // Stratify over the sample's metadata (category, subtask, ...) and, for code suites, its task fields.
      const tasks = samples.map((s) => ({ ...s.code, ...s.metadata, task_id: s.id }));
      const eligible = opts.validated ? { ids: passedIds(opts.validated), from: path.basename(opts.validated) } : undefined;
      const subset = makeSubset(tasks, suite, { size: opts.size, strategy: opts.strategy, seed: opts.seed, by: opts.by, eligible });
      const cov = subset.coverage ? ` covering ${subset.coverage.covered.values}/${subset.coverage.covered.of} ${subset.by} and ${subset.coverage.covered.domains}/${subset.coverage.covered.of_domains} domains, tiers ${JSON.stringify(subset.coverage.tiers)}` : '';
      const strata = subset.strata ? ` over ${subset.by}: ${Object.entries(subset.strata).map(([k, v]) => `${k} ${v.chosen}/${v.tasks}`).join(', ')}` : '';
      const summary = `${subset.sample_ids.length} of ${tasks.length} tasks of ${suite} (${subset.strategy}${subset.seed !== null ? `, seed ${subset.seed}` : ''})${strata}${cov}`;
      if (opts.output) {
        await writeJsonAtomic(opts.output, subset);
        console.log(`${summary}\nwrote ${opts.output}`);
      } else {
        process.stdout.write(JSON.stringify(subset, null, 2) + '\n');
        console.error(summary);
      }
    });
}
