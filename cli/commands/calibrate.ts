import path from 'node:path';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatZodError, RunConfigSchema, RunInputSchema } from '../../config/run-config';
import { calibrationReport, parseBand, type Band } from '../../analysis/calibration';
import { readResults } from '../../store/results';
import { resolveOutputDir } from '../../store/run-record';
import { defaultTaskQueue } from '../../workers/options';
import { connectClient, CliError, workflowIdForRun } from '../client';
import { addConnectionFlags, type ConnectionFlags } from '../connection';
import { waitForRun } from '../wait';
import { positiveInteger } from '../parse';
import { checkRunReady, newRunId } from './run';

interface CalibrateFlags extends ConnectionFlags {
  model: string;
  runs: number;
  band: Band;
  baseUrl?: string;
  maxTurns?: number;
  concurrency?: number;
  output?: string;
  cache: boolean;
  taskQueue: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description('run an agentic suite N times with one model (a real run: concurrent, durable episodes) and say whether its pass rate is inside a target band')
    .argument('<suite>', 'an agentic suite: resilience, or your own ./file.ts#export with TaskDef.agentic')
    .requiredOption('-m, --model <spec>', 'model spec (anthropic/..., openai/..., reference = submit the reference fix without a model)')
    .option('--runs <n>', 'episodes to run', positiveInteger('--runs'), 10)
    .option('--band <low-high>', 'target pass-rate band in percent', (v: string) => {
      try {
        return parseBand(v);
      } catch (e) {
        throw new InvalidArgumentError((e as Error).message);
      }
    }, { low: 10, high: 40 })
    .option('--base-url <url>', 'API base URL (openai-compatible servers, the simulated API)')
    .option('--max-turns <n>', "turns per episode (default: the suite's)", positiveInteger('--max-turns'))
    .option('--concurrency <n>', 'episodes at once (default: all runs)', positiveInteger('--concurrency'))
    .option('-o, --output <dir>', 'output directory (default runs/<run-id>)')
    .option('--no-cache', 'bypass the response cache')
    .option('--task-queue <name>', 'task queue the workers poll', defaultTaskQueue());
  addConnectionFlags(cmd).action(async (suite: string, flags: CalibrateFlags) => {
      const runId = newRunId(`calibrate-${suite.replace(/[^A-Za-z0-9_.-]/g, '_')}`);
      const r = RunConfigSchema.safeParse({
        run_id: runId,
        phases: [
          {
            name: 'calibrate',
            kind: 'agentic',
            suite: { name: suite.startsWith('.') ? path.resolve(suite) : suite },
            arms: [{ name: 'model', model: flags.model, ...(flags.baseUrl ? { base_url: flags.baseUrl } : {}) }],
            samples_per_task: flags.runs,
            samples: 1,
            concurrency: flags.concurrency ?? flags.runs,
            ...(flags.maxTurns ? { episode: { max_turns: flags.maxTurns } } : {}),
          },
        ],
        cache: flags.cache,
      });
      if (!r.success) throw new CliError(formatZodError(r.error, 'calibrate flags'));
      const config = r.data;
      config.output_dir = resolveOutputDir(flags.output, runId);
      await checkRunReady(config);
      const client = await connectClient(flags);
      const workflowId = workflowIdForRun(runId);
      await client.workflow.start('benchmarkRun', { taskQueue: flags.taskQueue, workflowId, args: [RunInputSchema.parse({ config })] });
      process.stderr.write(`started ${workflowId}\n  output: ${config.output_dir}\n`);
      const code = await waitForRun(client, workflowId, config.output_dir);
      const { rows } = await readResults(path.join(config.output_dir, 'results.jsonl'));
      for (const line of calibrationReport(rows, flags.band)) process.stdout.write(line + '\n');
      process.exitCode = code;
    });
}
