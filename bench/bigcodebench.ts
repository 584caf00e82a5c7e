/**
 * BigCodeBench per-sample cost: the Hard subset's canonical solutions (those whose libraries the
 * environment has, known issues left out, and, unless --all, those whose canonical run takes
 * under 2 s in validate-hard.json, so the sample's own work does not drown the start-up cost)
 * through the warm fork server with the environment's libraries preloaded, and through a fresh
 * interpreter of the same environment per sample, side by side in one run.
 *
 *   npx tsx bench/bigcodebench.ts [--env bigcodebench|bigcodebench-ci] [--reps 1] [--concurrency 2] [--all]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalProgram } from '../config/task';
import { environmentProblem } from '../environments';
import { resolveSuite } from '../eval/registry';
import { knownIssues } from '../eval/suites/bigcodebench';
import { buildTestProgram } from '../sandbox';
import { environmentSandboxOptions } from '../sandbox/environment';
import { saveFigures } from './lib/figures';
import { measureSandbox, printSandboxRows, type SandboxRow } from './lib/measure-sandbox';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(HERE, '../../shared/datasets/bigcodebench') },
    env: { type: 'string' },
    reps: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '2' },
    all: { type: 'boolean', default: false },
  },
});
const env = args.env ?? (environmentProblem('bigcodebench') === null ? 'bigcodebench' : 'bigcodebench-ci');
const concurrency = Number(args.concurrency);
const opts = environmentSandboxOptions(env);

const samples = await (await resolveSuite('bigcodebench-hard')).samples({ data: args.data, options: { environment: env } });
const issues = new Set(knownIssues().map((k) => k.task_id));
const validated = new Map<string, number>(
  (JSON.parse(readFileSync(path.join(HERE, '../suites/bigcodebench/validate-hard.json'), 'utf8')).tasks as { task_id: string; median_ms: number }[]).map((t) => [t.task_id, t.median_ms]),
);
const libs = [...new Set(samples.flatMap((s) => s.metadata.libs as string[]))];
const probe = 'import importlib.util, json, sys\nprint(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]))';
const absent = new Set<string>(JSON.parse(execFileSync(opts.python!, ['-c', probe, ...libs], { encoding: 'utf8' })));
const chosen = samples.filter(
  (s) => !issues.has(s.id) && (s.metadata.libs as string[]).every((l) => !absent.has(l)) && (args.all || (validated.get(s.id) ?? Infinity) < 2000),
);
const programs = chosen.map((s) => buildTestProgram(s.code!, canonicalProgram(s.code!)));
const repeat = Array.from({ length: Number(args.reps) }, () => programs).flat();
const memoryMb = chosen[0]?.code?.memory_mb;
const timeoutMs = (chosen[0]?.code?.timeout_s ?? 240) * 1000;
console.log(
  `bigcodebench-hard: ${chosen.length} of ${samples.length} canonical solutions in environment ${env} (${absent.size} libraries absent, known issues out${args.all ? '' : ', canonical < 2 s'}); ` +
    `concurrency ${concurrency}; ${os.availableParallelism()} cores; load avg ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
);
const rows: SandboxRow[] = [];
for (const mode of ['fork-server', 'fresh'] as const) rows.push(await measureSandbox({ mode, concurrency, ...opts }, repeat, timeoutMs, memoryMb ? { memoryMb } : {}));
printSandboxRows(rows);
const [fork, fresh] = rows as [SandboxRow, SandboxRow];
const perSampleMs = (r: SandboxRow) => (r.wallS * 1000 * concurrency) / r.samples;
console.log('');
console.log(`per sample (wall x concurrency / samples): fork server ${perSampleMs(fork).toFixed(0)} ms, fresh interpreter ${perSampleMs(fresh).toFixed(0)} ms: ${(perSampleMs(fresh) / perSampleMs(fork)).toFixed(1)}x; CPU ${fork.cpuMs.toFixed(0)} vs ${fresh.cpuMs.toFixed(0)} ms/sample`);
console.log(`load avg after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
saveFigures('bigcodebench', {
  environment: env,
  samples: fork.samples,
  concurrency,
  fork_server: { passed: fork.passed, per_sample_ms: perSampleMs(fork), cpu_ms: fork.cpuMs, samples_per_s: fork.perS },
  fresh: { passed: fresh.passed, per_sample_ms: perSampleMs(fresh), cpu_ms: fresh.cpuMs, samples_per_s: fresh.perS },
  speedup: perSampleMs(fresh) / perSampleMs(fork),
});
