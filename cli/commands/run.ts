import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import type { Client } from '@temporalio/client';
import YAML from 'yaml';
import { formatZodError, normalizeRunInput, PHASE_KINDS, RunConfigSchema, RunInputSchema, type RunConfig, type RunInput } from '../../config/run-config';
import { RunRecordSchema } from '../../config/run-record';
import { defaultTaskQueue, storeName } from '../../workers/options';
import { checkStoreServed } from '../store-check';
import { connectClient, CliError, describeOrNull, workflowIdForRun } from '../client';
import { addConnectionFlags, type ConnectionFlags } from '../connection';
import { waitForRun } from '../wait';
import { parseSampleIdsFile } from '../../analysis/sample-ids';
import { checkArmReady } from '../../models';
import { phaseKind, solverRefOf } from '../../eval/kinds';
import { absoluteRef, checkRefs, resolveSuite, solverNames, suiteNames } from '../../eval/registry';
import { RefError } from '../../eval/errors';
import { resolveTools } from '../../eval/tools';
import { agenticSpecOf } from '../../eval/agentic/episode';
import { integer, parseArmFlag, positiveInteger, positiveIntegerList, splitSolver } from '../parse';
import { resolveOutputDir } from '../../store/run-record';
import { checkSuites } from '../check-suites';
import { addBigCodeBenchFlags, bigcodebenchOptions, type BigCodeBenchFlags } from '../bigcodebench-flags';
import { checkPhaseEnvironment } from '../environment-check';
import { checkCapabilitiesServed } from '../capability-check';
import { armNeed } from '../../eval/capabilities';

export interface RunFlags extends BigCodeBenchFlags, ConnectionFlags {
  envCheck: boolean;
  config?: string;
  model?: string[];
  arm?: string[];
  solver?: string;
  scorer?: string;
  k: number[];
  runs?: number;
  samples?: number;
  sampleIds?: string;
  data?: string;
  subtasks?: string;
  nPerSubtask?: number;
  start?: number;
  output?: string;
  runId?: string;
  phases: string;
  concurrency: number;
  baseUrl?: string;
  budgetUsd?: string;
  cache: boolean;
  resume?: boolean;
  wait?: boolean;
  taskQueue: string;
  store?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('run')
    .description('start a benchmark run (a benchmarkRun workflow); --wait follows it to the end')
    .argument('[suite]', `suite to run: ${suiteNames().join(', ')}, or your own ./file.ts#export (not needed with --config or --resume)`)
    .option('-c, --config <file>', 'run configuration file (YAML or JSON); flags below build a one-suite run instead')
    .option('-m, --model <spec...>', 'model spec(s), each MODEL or MODEL:SOLVER: anthropic/<model>, openai/<model>, google/<model>, openai-compatible/<name>, mock, reference, replay:<results.jsonl>', undefined)
    .option('--arm <name=model:solver...>', 'named arm(s), e.g. --arm base=openai/gpt-4o --arm minds=openai/gpt-4o:./my-solver.ts#minds --arm ref=reference')
    .option('--solver <ref>', "solver for arms that name none: a built-in (baseline, reference, ...) or ./file.ts#export (default: the suite's)")
    .option('--scorer <ref>', "scorer: a built-in (exec-tests, ...) or ./file.ts#export (default: the suite's)")
    .option('--k <list>', 'pass@k values, comma-separated', positiveIntegerList('--k'), [1])
    .option('--runs <n>', 'samples (answers) per task; default max(k)', positiveInteger('--runs'))
    .option('--samples <n>', 'only the first N tasks of the suite', positiveInteger('--samples'))
    .option('--sample-ids <file>', 'only these task ids: a fail-set JSON, a JSON list, or one id per line')
    .option('--data <path>', "the suite's data file (JSONL, JSONL.gz or tasks.json) or folder (bbh)")
    .option('--subtasks <list>', 'bbh: subtasks to run, comma-separated (default all 27)')
    .option('--n-per-subtask <n>', 'bbh: examples per subtask (default all)', positiveInteger('--n-per-subtask'))
    .option('--start <s>', 'bbh: first example index of each subtask (file order)', integer('--start', 0))
    .option('-o, --output <dir>', 'output directory (default runs/<run-id>)')
    .option('--no-env-check', "do not check this machine for the suites' environments and the arms' API keys (workers elsewhere have them; the run still checks that some worker can serve each)")
    .option('--run-id <id>', 'run id (default <suite>-<timestamp>-<random>)')
    .option('--phases <kinds>', `phase kinds to run, in order, from ${PHASE_KINDS.join(',')}`, 'benchmark')
    .option('--concurrency <n>', 'units in flight per phase', positiveInteger('--concurrency'), 8)
    .option('--base-url <url>', 'API base URL for the arms (openai-compatible servers, the simulated API)')
    .option('--budget-usd <usd>', 'stop dispatching when the run has cost this much')
    .option('--no-cache', 'bypass the response cache (pay again for repeated requests)')
    .option('--resume', 'continue the run in --output: skip finished units, re-run errors')
    .option('-w, --wait', 'follow the run with a progress bar and print the report path at the end')
    .option('--task-queue <name>', 'task queue the workers poll', defaultTaskQueue())
    .option('--store <name>', "the store that owns the run's files: the workers started with that store name write them (default this machine's: $GAUNTLET_STORE or the hostname)")
    .addHelpText('after', `\nDefaults of a run configuration (override in --config):\n${defaultsText()}`);
  addBigCodeBenchFlags(addConnectionFlags(cmd)).action(async (suite: string | undefined, flags: RunFlags) => {
      // Bad input is reported before anything connects: a typo must not wait for a server.
      const fresh = flags.resume ? null : freshInput(suite, flags);
      if (fresh) await checkRunReady(fresh.input.config, flags.envCheck);
      const client = await connectClient(flags);
      const { input, workflowId } = fresh ?? (await resumeInput(client, flags));
      if (!fresh) await checkRunReady(input.config, flags.envCheck);
      // A resumed run's files are here (its run.json was read here): this machine's store, unless --store says otherwise.
      input.config.store = flags.store ?? (fresh ? input.config.store : undefined) ?? storeName();
      await checkStoreServed(client, flags.taskQueue, input.config.store);
      await checkCapabilitiesServed(client, flags.taskQueue, input.config);
      await client.workflow.start('benchmarkRun', { taskQueue: flags.taskQueue, workflowId, args: [input] });
      const outDir = input.config.output_dir!;
      process.stderr.write(`started ${workflowId}\n  output: ${outDir} (store ${input.config.store})\n  follow: gauntlet status ${workflowId}\n`);
      if (!flags.wait) {
        process.stdout.write(workflowId + '\n');
        return;
      }
      process.exitCode = await waitForRun(client, workflowId, outDir);
    });
}

/** Parses a config file (YAML or JSON) with errors that name the file and the field. */
export function loadConfigFile(file: string): RunConfig {
  if (!existsSync(file)) throw new CliError(`config file ${file} does not exist`);
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(file) ? YAML.parse(readFileSync(file, 'utf8')) : JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message}`);
  }
  const norm = normalizeRunInput(raw) as { config?: unknown };
  const r = RunConfigSchema.safeParse(norm && typeof norm === 'object' && 'config' in norm ? norm.config : raw);
  if (!r.success) throw new CliError(formatZodError(r.error, `run config ${file}`));
  return r.data;
}

/**
 * Every Ref of the run resolves (plugin files load, names are known) and every arm can call its
 * model from here: a typo or a missing key costs an error now, not a run of failed units.
 */
export async function checkRunReady(config: RunConfig, envCheck = true): Promise<void> {
  for (const phase of config.phases) {
    try {
      const task = await resolveSuite(phase.suite.name);
      const arms = phaseKind(phase).arms(phase);
      await checkRefs({ suite: phase.suite.name, solvers: arms.map((a) => solverRefOf(a, task.solver)), scorer: phase.scorer });
      if (envCheck) checkPhaseEnvironment(phase, task);
      // An agentic phase's tools are Refs too: a typo fails here, not on every episode.
      if (phaseKind(phase).episodes) await resolveTools(agenticSpecOf(task).tools);
    } catch (e) {
      if (e instanceof RefError) throw new CliError(`phase ${phase.name}: ${e.message}`);
      throw e;
    }
    // A provider's key may live only on the workers (--no-env-check): checkCapabilitiesServed then asks for one that has it.
    for (const arm of phaseKind(phase).arms(phase)) if (envCheck || !armNeed(undefined, arm)) checkArmReady(arm);
  }
  await checkSuites(config);
}

type ArmInput = { name: string; model: string; solver?: string; base_url?: string };

function armsFromFlags(flags: RunFlags): ArmInput[] {
  const solvers = solverNames();
  const arms: ArmInput[] = [];
  for (const spec of flags.model ?? []) {
    const { model, solver } = splitSolver(spec, solvers);
    arms.push({ name: spec.replace(/[^A-Za-z0-9_.:-]/g, '_'), model, ...(solver ? { solver } : {}) });
  }
  for (const a of flags.arm ?? []) arms.push(parseArmFlag(a, solvers));
  for (const a of arms) {
    a.solver ??= flags.solver;
    if (a.solver) a.solver = absoluteRef(a.solver);
    if (!a.solver) delete a.solver;
    if (flags.baseUrl) a.base_url = flags.baseUrl;
  }
  return arms;
}

/** Suite options from flags (the bbh suite's); undefined when none is given. */
function suiteOptions(flags: RunFlags): Record<string, unknown> | undefined {
  const o = {
    ...(flags.subtasks !== undefined ? { subtasks: flags.subtasks } : {}),
    ...(flags.nPerSubtask !== undefined ? { n_per_subtask: flags.nPerSubtask } : {}),
    ...(flags.start !== undefined ? { start: flags.start } : {}),
    ...bigcodebenchOptions(flags),
  };
  return Object.keys(o).length ? o : undefined;
}

/** A file Ref's export name (`./my-suite.ts#tasks` → tasks), else the suite name. */
function runIdPrefix(suite: string): string {
  return (suite.includes('#') ? suite.slice(suite.lastIndexOf('#') + 1) : suite).replace(/[^A-Za-z0-9_.-]/g, '_');
}

export function newRunId(suite: string): string {
  const ts = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
  return `${suite}-${ts}-${randomBytes(2).toString('hex')}`;
}

function freshInput(suite: string | undefined, flags: RunFlags): { input: RunInput; workflowId: string } {
  let config: RunConfig;
  if (flags.config) {
    config = loadConfigFile(flags.config);
  } else {
    if (!suite) throw new CliError('name a suite (e.g. `gauntlet run humaneval --model reference`) or pass --config FILE');
    const arms = armsFromFlags(flags);
    if (arms.length === 0) throw new CliError('name a model: --model SPEC (e.g. --model reference) or --arm NAME=SPEC');
    const kinds = flags.phases.split(',').map((s) => s.trim());
    const sampleIds = flags.sampleIds ? parseSampleIdsFile(flags.sampleIds) : undefined;
    const raw = {
      phases: kinds.map((kind) => ({
        name: kind,
        kind,
        suite: { name: absoluteRef(suite), data: flags.data ? path.resolve(flags.data) : undefined, options: suiteOptions(flags) },
        arms,
        ...(flags.scorer ? { scorer: absoluteRef(flags.scorer) } : {}),
        k: flags.k,
        samples_per_task: flags.runs,
        samples: flags.samples,
        sample_ids: sampleIds,
        concurrency: flags.concurrency,
      })),
      cache: flags.cache,
      budget_usd: flags.budgetUsd ? Number(flags.budgetUsd) : undefined,
    };
    const r = RunConfigSchema.safeParse(raw);
    if (!r.success) throw new CliError(formatZodError(r.error, 'run flags'));
    config = r.data;
  }
  config.run_id ??= flags.runId ?? newRunId(runIdPrefix(config.phases[0]!.suite.name));
  config.output_dir = resolveOutputDir(flags.output ?? config.output_dir, config.run_id);
  if (existsSync(path.join(config.output_dir, 'run.json'))) {
    throw new CliError(`${config.output_dir} already holds a run; continue it with \`gauntlet run --resume --output ${config.output_dir}\` or pick another --output`);
  }
  return { input: RunInputSchema.parse({ config }), workflowId: workflowIdForRun(config.run_id) };
}

/** `--resume`: a new workflow over the same output directory, with the config it was started with. */
async function resumeInput(client: Client, flags: RunFlags): Promise<{ input: RunInput; workflowId: string }> {
  if (!flags.output) throw new CliError('--resume needs --output DIR: the output directory of the run to continue');
  const dir = path.resolve(flags.output);
  const file = path.join(dir, 'run.json');
  if (!existsSync(file)) throw new CliError(`${file} does not exist: nothing to resume there`);
  const rec = RunRecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!rec.success) throw new CliError(formatZodError(rec.error, file));
  const config = RunConfigSchema.parse(rec.data.config);
  config.output_dir = dir;
  // Rows count as recorded by run id: the resumed workflow continues the same run.
  config.run_id ??= rec.data.run_id;
  const prev = await describeOrNull(client, rec.data.workflow_id);
  if (prev?.status.name === 'RUNNING') {
    throw new CliError(`run ${rec.data.run_id} is still running as ${rec.data.workflow_id}; nothing to resume (follow it with \`gauntlet status ${rec.data.workflow_id}\`)`);
  }
  const exitCode: Record<string, number> = { TERMINATED: 143, FAILED: 1, TIMED_OUT: 124, CANCELLED: 130, COMPLETED: 0 };
  const n = rec.data.resume_events.length + 1;
  const workflowId = `${workflowIdForRun(rec.data.run_id)}-resume-${n}`;
  const input = RunInputSchema.parse({
    config,
    resume: {
      resumed: true,
      resumed_at: new Date().toISOString(),
      previous_workflow_id: rec.data.workflow_id,
      previous_crash_exit_code: prev ? (exitCode[prev.status.name] ?? null) : null,
    },
  });
  return { input, workflowId };
}

function defaultsText(): string {
  const c = RunConfigSchema.parse({ phases: [{ name: 'benchmark', kind: 'benchmark', suite: { name: 'humaneval' } }] });
  const p = c.phases[0]!;
  return [
    `  phase: concurrency ${p.concurrency}, k [${p.k}], samples_per_task max(k), unit timeout ${p.timeouts.unit_s} s, heartbeat ${p.timeouts.heartbeat_s} s, sandbox timeout max(4 s, 4x canonical)`,
    `  retry: unit attempts ${c.retry.unit_max_attempts} (first retry after ${c.retry.unit_initial_interval_s} s), phase attempts ${c.retry.phase_max_attempts} (3 strikes), ${c.retry.strike_delay_s} s between, error-rate threshold ${c.retry.error_rate_threshold * 100}%`,
    `  backoff on rate limit / exhaustion: ${c.backoff.initial_s} s x${c.backoff.multiplier} up to ${c.backoff.max_s} s, give up after ${c.backoff.max_total_wait_s / 3600} h of exhaustion`,
    `  cache: on; report: ${c.report.formats.join(', ')}; JSON Schema: config/run-config.schema.json`,
  ].join('\n');
}
