import { Command, CommanderError } from 'commander';
import { CliError } from './errors';
import { VERSION } from './version';

type CommandModule = { register(program: Command): void };

/**
 * Each command's module, loaded only when that command runs: `gauntlet --version` or `gauntlet
 * status` must not load the worker, both model SDKs and the sandbox (issue 10: start-up time).
 * `gauntlet --help` (or an unknown command) loads them all to list them.
 */
const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  demo: () => import('./commands/demo'),
  dev: () => import('./commands/dev'),
  worker: () => import('./commands/worker'),
  run: () => import('./commands/run'),
  status: () => import('./commands/status'),
  pause: () => import('./commands/control'),
  resume: () => import('./commands/control'),
  cancel: () => import('./commands/control'),
  report: () => import('./commands/report'),
  runs: () => import('./commands/runs'),
  suites: () => import('./commands/suites'),
  show: () => import('./commands/show'),
  'fail-set': () => import('./commands/fail-set'),
  'analyze-failures': () => import('./commands/fail-set'),
  subset: () => import('./commands/subset'),
  compare: () => import('./commands/compare'),
  view: () => import('./commands/view'),
  'mock-api': () => import('./commands/mock-api'),
  validate: () => import('./commands/validate'),
  mutate: () => import('./commands/mutate'),
  env: () => import('./commands/env'),
  calibrate: () => import('./commands/calibrate'),
};

/** `gauntlet`: a thin client over Temporal plus the worker and dev-server launchers. */
const program = new Command('gauntlet').description('Durable LLM benchmark runs on Temporal').version(VERSION).showHelpAfterError().exitOverride();

const argv = process.argv.slice(2);
const asked = argv.find((a) => !a.startsWith('-'));
const onlyVersion = argv.length > 0 && argv.every((a) => a === '--version' || a === '-V');

try {
  if (!onlyVersion) {
    const loaders = asked && COMMANDS[asked] ? [COMMANDS[asked]!] : [...new Set(Object.values(COMMANDS))];
    const modules = new Set(await Promise.all(loaders.map((load) => load())));
    for (const m of modules) m.register(program);
  }
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
