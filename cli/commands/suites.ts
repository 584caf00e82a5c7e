import type { Command } from 'commander';
import { CODE_SUITE_NAMES, describeSuites, SUITES, type CodeSuiteName, type SuiteDescription } from '../../eval/suites';
import { datasetsCacheDir } from '../../eval/suites/locate';
import { resolveSuite, suiteNames } from '../../eval/registry';

export function register(program: Command): void {
  program
    .command('suites')
    .description('List the built-in suites, where each one\'s data would be loaded from right now, and how to point them at your data')
    .argument('[names...]', `suites to show (default all: ${suiteNames().join(', ')})`)
    .option('--data <path>', 'describe the named suite(s) with this data file instead')
    .option('--json', 'print the descriptions as JSON')
    .action(async (names: string[], opts: { data?: string; json?: boolean }) => {
      const unknown = names.filter((n) => !suiteNames().includes(n));
      if (unknown.length) throw new Error(`unknown suite ${unknown.map((n) => JSON.stringify(n)).join(', ')}; expected one of ${suiteNames().join(', ')}`);
      if (opts.data && names.length === 0) throw new Error('--data needs the suite it is for, e.g. `gauntlet suites humaneval --data ./HumanEval.jsonl.gz`');
      const wanted = names.length ? names : suiteNames();
      const code = wanted.filter((n): n is CodeSuiteName => (CODE_SUITE_NAMES as readonly string[]).includes(n));
      const list = code.length ? await describeSuites({ names: code, ...(opts.data ? { data: opts.data } : {}) }) : [];
      // Suites with their own data layout (bbh, ...) are listed by name and description; their loaders say what they need.
      const others = await Promise.all(wanted.filter((n) => !code.includes(n as CodeSuiteName)).map(async (n) => ({ name: n, description: (await resolveSuite(n)).description })));
      process.stdout.write(opts.json ? JSON.stringify([...list, ...others], null, 2) + '\n' : formatSuites(list) + formatOthers(others));
      // a user's own file that does not load is an error for scripts too
      if (opts.data && list.some((d) => d.problem)) process.exitCode = 1;
    });
}

const ORIGIN: Record<string, string> = {
  data: 'the --data file',
  GAUNTLET_DATA_DIR: '$GAUNTLET_DATA_DIR',
  builtin: 'shipped with Gauntlet',
  cache: 'the user cache',
};

function formatOthers(others: { name: string; description: string }[]): string {
  if (!others.length) return '';
  return ['Suites with their own data layout (pass --data PATH or set $GAUNTLET_DATA_DIR):', ...others.map((o) => `  ${o.name.padEnd(14)} ${o.description}`), ''].join('\n');
}

/** The human-readable listing: one block per suite, then how to use other data. */
export function formatSuites(list: SuiteDescription[]): string {
  const out: string[] = [];
  for (const d of list) {
    const count = d.tasks !== undefined ? `${d.tasks} tasks` : 'tasks: ?';
    out.push(`${d.name.padEnd(14)} ${count.padEnd(10)} ${d.description}`);
    const s = d.source;
    if (s.origin === 'download') out.push(`  data: none local; the first load downloads ${s.url} into ${s.dest}`);
    else if (s.origin === 'missing') out.push('  data: none found');
    else out.push(`  data: ${s.file} (${ORIGIN[s.origin]})`);
    if (d.note) out.push(`  note: ${d.note}`);
    if (d.problem) out.push(`  problem: ${d.problem}`);
  }
  const env = process.env.GAUNTLET_DATA_DIR;
  out.push(
    '',
    'Data is looked up in this order: --data PATH (or "suite": {"name": ..., "data": PATH} in a run config),',
    `$GAUNTLET_DATA_DIR (${env ? `now ${env}` : 'not set'}), the built-in file, the user cache (${datasetsCacheDir()}), then a download.`,
    'File names looked for in those folders:',
    ...Object.values(SUITES).map((s) => `  ${s.name.padEnd(14)} ${s.files.join(', ')}`),
    '',
  );
  return out.join('\n');
}
