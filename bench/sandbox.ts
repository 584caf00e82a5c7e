/**
 * Sandbox throughput: HumanEval's canonical solutions through the fork server and through a fresh
 * interpreter per sample, side by side in one run.
 *
 *   npx tsx bench/sandbox.ts [--data path/to/HumanEval.jsonl.gz] [--reps 10] [--fresh-reps 10] [--concurrency N]
 *
 * Reports wall-clock samples/s (depends on what else the machine runs) and CPU ms per sample
 * (Node + server + children, from /proc: a steadier figure on a shared machine).
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalProgram } from '../config/task';
import { buildTestProgram } from '../sandbox';
import { measureSandbox, printSandboxRows, type SandboxRow } from './lib/measure-sandbox';
import { loadSuite } from '../eval/suites';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: path.resolve(HERE, '../../shared/datasets/humaneval/HumanEval.jsonl.gz') },
    reps: { type: 'string', default: '10' },
    'fresh-reps': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: String(os.availableParallelism() * 2) },
  },
});
const concurrency = Number(args.concurrency);
const TIMEOUT_MS = 20_000; // generous: the benchmark measures throughput, not the timeout policy

const { file, tasks } = await loadSuite({ name: 'humaneval', data: args.data });
const programs = tasks.map((t) => buildTestProgram(t, canonicalProgram(t)));
const repeat = (n: number) => Array.from({ length: n }, () => programs).flat();
console.log(`HumanEval: ${tasks.length} tasks from ${file}; concurrency ${concurrency}; ${os.availableParallelism()} cores; load avg ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const measure = (mode: 'fork-server' | 'fresh', programs: string[]) => measureSandbox({ mode, concurrency }, programs, TIMEOUT_MS);
const rows = [await measure('fork-server', repeat(Number(args.reps))), await measure('fresh', repeat(Number(args['fresh-reps'])))];
console.log('');
printSandboxRows(rows);
const [fork, fresh] = rows as [SandboxRow, SandboxRow];
console.log('');
console.log(`fork-server vs fresh: ${(fork.perS / fresh.perS).toFixed(1)}x samples/s, ${(fresh.cpuMs / fork.cpuMs).toFixed(1)}x less CPU per sample`);
console.log(`load avg after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
