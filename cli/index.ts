import { Command, CommanderError } from 'commander';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { CliError } from './client';
import * as run from './commands/run';
import * as status from './commands/status';
import * as control from './commands/control';
import * as report from './commands/report';
import * as dev from './commands/dev';
import * as worker from './commands/worker';
import * as failSet from './commands/fail-set';
import * as subset from './commands/subset';
import * as compare from './commands/compare';
import * as show from './commands/show';
import * as mockApi from './commands/mock-api';
import * as validate from './commands/validate';
import * as mutate from './commands/mutate';
import * as demo from './commands/demo';
import * as runs from './commands/runs';
import * as suites from './commands/suites';

// Workers log at WARN unless asked (GAUNTLET_LOG_LEVEL=INFO|DEBUG): the CLI's own lines are the story.
Runtime.install({ logger: new DefaultLogger((process.env.GAUNTLET_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN') });

/** `gauntlet`: a thin client over Temporal plus the worker and dev-server launchers. */
const program = new Command('gauntlet')
  .description('Durable LLM benchmark runs on Temporal')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

for (const m of [demo, dev, worker, run, status, control, report, runs, suites, show, failSet, subset, compare, mockApi, validate, mutate]) m.register(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) process.exit(e.exitCode);
  if (e instanceof CliError) {
    process.stderr.write(`gauntlet: ${e.message}\n`);
    process.exit(e.exitCode);
  }
  const err = e as Error;
  process.stderr.write(`gauntlet: ${err.message}\n`);
  if (process.env.GAUNTLET_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.exit(1);
}
