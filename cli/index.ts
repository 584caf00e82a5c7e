import { main, type CommandLoader } from './main';
import { VERSION } from './version';

/**
 * Each command's module, loaded only when that command runs: `gauntlet --version` or `gauntlet
 * status` must not load the worker, both model SDKs and the sandbox (issue 10: start-up time).
 * `gauntlet --help` (or an unknown command) loads them all to list them.
 */
const COMMANDS: Record<string, CommandLoader> = {
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

const argv = process.argv.slice(2);
const asked = argv.find((a) => !a.startsWith('-'));
const onlyVersion = argv.length > 0 && argv.every((a) => a === '--version' || a === '-V');
// `gauntlet --help` (or an unknown command) loads every module to list them.
await main(asked && COMMANDS[asked] ? [COMMANDS[asked]!] : [...new Set(Object.values(COMMANDS))], VERSION, onlyVersion);
