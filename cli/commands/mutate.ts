import { Command, InvalidArgumentError, Option } from 'commander';
import { createSandbox } from '../../sandbox';
import { DEFAULT_CUSTOM_IGNORE, loadIgnoreFile } from '../../hardening/ignore';
import { mutateSuite } from '../../hardening/mutate';
import { OPERATORS, parseOperatorList } from '../../hardening/operators';
import { formatScore } from '../../hardening/score';
import { renderMutationSummary } from '../../hardening/summary';
import { loadSelectedTasks } from '../../hardening/suite-input';
import { writeMutationReports } from '../../hardening/write-reports';
import { existsSync } from 'node:fs';

const percent = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError(`--fail-under expects a percentage 0..100, got ${JSON.stringify(v)}`);
  return n;
};
const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive integer, got ${JSON.stringify(v)}`);
  return n;
};

export function register(program: Command): void {
  program
    .command('mutate')
    .description("mutation-test a suite: mutate each canonical solution and check that the task's tests catch it")
    .argument('<suite>', 'suite name (humaneval, humanevalplus, custom)')
    .option('--data <path>', 'suite data file (default: built-in / $GAUNTLET_DATA_DIR / cache)')
    .option('--operators <list>', `comma-separated operators (default all: ${OPERATORS.join(', ')})`)
    .option('--tasks <ids>', 'only these task ids, comma-separated')
    .option('--fail-under <pct>', 'exit 1 when the mutation score is below this percentage', percent)
    .option('--out <dir>', 'report directory (default ./mutation-<suite>)')
    .option('--ignore <file>', 'ignore file of equivalent mutants (default for the built-in custom suite: suites/custom/mutation-ignore.json)')
    .addOption(new Option('--mode <mode>', 'sandbox isolation').choices(['fork-server', 'fresh']).default('fork-server'))
    .option('--concurrency <n>', 'mutants tested at once', positiveInt, 2)
    .action(async (suite: string, o: { data?: string; operators?: string; tasks?: string; failUnder?: number; out?: string; ignore?: string; mode: 'fork-server' | 'fresh'; concurrency: number }) => {
      const operators = o.operators ? parseOperatorList(o.operators) : [...OPERATORS];
      if (o.ignore && !existsSync(o.ignore)) throw new Error(`--ignore: ${o.ignore} does not exist; pass an existing ignore file or leave --ignore out`);
      const { name, tasks } = await loadSelectedTasks(suite, o.data, o.tasks);
      const ignoreFile = o.ignore ?? (name === 'custom' && !o.data ? DEFAULT_CUSTOM_IGNORE : undefined);
      const ignore = ignoreFile ? await loadIgnoreFile(ignoreFile) : [];
      const sandbox = createSandbox({ mode: o.mode });
      try {
        const result = await mutateSuite(tasks, {
          sandbox,
          operators,
          ignore,
          concurrency: o.concurrency,
          onTaskDone: (done, total, t) =>
            process.stderr.write(`[${done}/${total}] ${t.task_id} ${t.status === 'tested' ? `${formatScore(t.metrics.score)} (${t.metrics.detected}/${t.metrics.valid})` : t.error}\n`),
        });
        const files = await writeMutationReports(o.out ?? `mutation-${name}`, result, { suite: name, operators });
        console.log(renderMutationSummary(result, { suite: name }));
        console.log(`reports: ${files.json}, ${files.html}, ${files.markdown}`);
        const score = result.metrics.score;
        if (o.failUnder !== undefined && (score === null || score < o.failUnder)) {
          console.error(`mutation score ${formatScore(score)} is under --fail-under ${o.failUnder}%`);
          process.exitCode = 1;
        }
      } finally {
        await sandbox.close();
      }
    });
}
