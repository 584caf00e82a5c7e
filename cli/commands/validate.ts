import { Command, InvalidArgumentError, Option } from 'commander';
import { writeJsonAtomic } from '../../store/atomic';
import { createSandbox } from '../../sandbox';
import { environmentSandboxOptions } from '../../sandbox/environment';
import { validateSuite, type TaskValidation } from '../../hardening/validate';
import { loadSelectedTasks } from '../../hardening/suite-input';

const positiveInt = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} expects a positive integer, got ${JSON.stringify(v)}`);
  return n;
};

/** Problems first (error, failed, flaky), then passes; suite order within a group. */
const ORDER = { error: 0, failed: 1, flaky: 2, passed: 3 } as const;

function renderTable(rows: TaskValidation[]): string {
  const sorted = [...rows].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const lines = sorted.map((r) => [r.status.toUpperCase(), r.task_id, r.outcomes.join(','), `${r.median_ms.toFixed(0)} ms`, r.detail ?? '']);
  const all = [['STATUS', 'TASK', 'OUTCOMES', 'MEDIAN', 'DETAIL'], ...lines];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...all.map((l) => l[i]!.length)));
  return all.map((l) => l.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c.slice(0, 160))).join('  ').trimEnd()).join('\n');
}

export function register(program: Command): void {
  program
    .command('validate')
    .description('run every canonical solution against its tests (several times, to catch flaky tasks)')
    .argument('<suite>', 'suite name (humaneval, humanevalplus, custom, bigcodebench, bigcodebench-hard, ...)')
    .option('--data <path>', 'suite data file (default: built-in / $GAUNTLET_DATA_DIR / cache)')
    .option('--repeats <n>', 'runs per task; repeats that disagree mark the task flaky', positiveInt('--repeats'), 3)
    .option('--tasks <ids>', 'only these task ids, comma-separated')
    .option('--json <file>', 'where to write the JSON result (default ./validate-<suite>.json)')
    .addOption(new Option('--mode <mode>', 'sandbox isolation').choices(['fork-server', 'fresh']).default('fork-server'))
    .option('--concurrency <n>', 'tasks validated at once', positiveInt('--concurrency'), 2)
    .option('--timeout-s <s>', "wall clock per run (default: the task's timeout_s, else 10 s)", positiveInt('--timeout-s'))
    .option('--env <name>', "the environment the code runs in (default: the suite's, e.g. bigcodebench; bigcodebench-ci for the part CI installs)")
    .action(async (suite: string, o: { data?: string; repeats: number; tasks?: string; json?: string; mode: 'fork-server' | 'fresh'; concurrency: number; env?: string; timeoutS?: number }) => {
      const { name, file, tasks, environment } = await loadSelectedTasks(suite, o.data, o.tasks, o.env ? { environment: o.env } : undefined);
      const sandbox = createSandbox({ mode: o.mode, ...(environment ? environmentSandboxOptions(environment) : {}) });
      try {
        const result = await validateSuite(tasks, {
          sandbox,
          repeats: o.repeats,
          concurrency: o.concurrency,
          ...(o.timeoutS ? { timeoutMs: o.timeoutS * 1000 } : {}),
          onProgress: (done, total, r) => process.stderr.write(`[${done}/${total}] ${r.task_id} ${r.status}\n`),
        });
        const out = o.json ?? `validate-${name}.json`;
        const info = await sandbox.info?.();
        await writeJsonAtomic(out, { suite: name, file, repeats: o.repeats, mode: o.mode, environment: environment ?? null, python: info?.pythonVersion ?? null, summary: result.summary, tasks: result.tasks });
        const s = result.summary;
        console.log(renderTable(result.tasks));
        console.log(`\n${s.total} tasks: ${s.passed} passed, ${s.failed} failed, ${s.flaky} flaky, ${s.error} sandbox errors  (${out})`);
        console.log(`canonical pass rate ${((100 * s.passed) / Math.max(1, s.total)).toFixed(1)}%${environment ? ` in environment ${environment} (Python ${info?.pythonVersion ?? '?'})` : ''}`);
        if (s.failed + s.flaky + s.error > 0) process.exitCode = 1;
      } finally {
        await sandbox.close();
      }
    });
}
