#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so the same sources serve the CLI, the worker and the tests.
// `--version` needs no TypeScript at all: answered before the loader is registered; the commands of
// bin/compiled-cli.js run from a bundle that is rebuilt whenever its sources change (no tsx either).
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`);
} else {
  const { compiledEntry, entryUrl } = await import('./compiled-cli.js');
  const entry = await compiledEntry(args.find((a) => !a.startsWith('-')));
  if (entry) {
    await import(entryUrl(entry));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    await import('../cli/index.ts');
  }
}
