/**
 * Sandbox throughput: HumanEval's canonical solutions through the fork server and through a fresh
 * interpreter per sample, side by side in one run.
 *
 *   npx tsx bench/sandbox.ts [--data path/to/HumanEval.jsonl.gz] [--reps 10] [--fresh-reps 10] [--concurrency N]
 *
 * Reports wall-clock samples/s (depends on what else the machine runs) and CPU ms per sample
 * (Node + server + children, from /proc: a steadier figure on a shared machine).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { canonicalProgram } from '../config/task';
import { buildTestProgram, createSandbox, type IsolationMode, type SandboxResult } from '../sandbox';
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

/** CPU seconds of a process and its reaped children, from /proc/<pid>/stat. */
function cpuOf(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14..17 of stat(5) (utime, stime, cutime, cstime) sit at 11..14 after the comm field
  return [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0) / 100;
}

interface Row {
  mode: IsolationMode;
  samples: number;
  passed: number;
  other: Record<string, number>;
  wallS: number;
  perS: number;
  cpuMs: number;
  nodeCpuMs: number;
}

async function measure(mode: IsolationMode, programs: string[]): Promise<Row> {
  const sb = createSandbox({ mode, concurrency });
  const info = await sb.info!(); // starts (and warms) the fork server outside the timed part
  const serverCpu0 = mode === 'fork-server' ? cpuOf(info.pid) : 0;
  const selfCpu0 = cpuOf('self');
  const nodeCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results: SandboxResult[] = await Promise.all(programs.map((program) => sb.run({ program, timeoutMs: TIMEOUT_MS })));
  const wallS = (performance.now() - t0) / 1000;
  const serverCpu = mode === 'fork-server' ? cpuOf(info.pid) - serverCpu0 : 0;
  const nodeCpu = process.cpuUsage(nodeCpu0);
  const nodeCpuS = (nodeCpu.user + nodeCpu.system) / 1e6;
  const cpuS = serverCpu + cpuOf('self') - selfCpu0; // 'self' includes reaped children: fresh interpreters
  await sb.close();
  const other: Record<string, number> = {};
  for (const r of results) if (r.status !== 'passed') other[`${r.status}${r.exceptionType ? `:${r.exceptionType}` : ''}`] = (other[`${r.status}${r.exceptionType ? `:${r.exceptionType}` : ''}`] ?? 0) + 1;
  return {
    mode,
    samples: results.length,
    passed: results.filter((r) => r.status === 'passed').length,
    other,
    wallS,
    perS: results.length / wallS,
    cpuMs: (cpuS * 1000) / results.length,
    nodeCpuMs: (nodeCpuS * 1000) / results.length,
  };
}

const { file, tasks } = await loadSuite({ name: 'humaneval', data: args.data });
const programs = tasks.map((t) => buildTestProgram(t, canonicalProgram(t)));
const repeat = (n: number) => Array.from({ length: n }, () => programs).flat();
console.log(`HumanEval: ${tasks.length} tasks from ${file}; concurrency ${concurrency}; ${os.availableParallelism()} cores; load avg ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);

const rows = [await measure('fork-server', repeat(Number(args.reps))), await measure('fresh', repeat(Number(args['fresh-reps'])))];
console.log('');
console.log('| mode        | samples | passed | not passed           | wall s | samples/s | CPU ms/sample | of which Node |');
console.log('|-------------|--------:|-------:|----------------------|-------:|----------:|--------------:|--------------:|');
for (const r of rows) {
  const other = Object.entries(r.other).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
  console.log(
    `| ${r.mode.padEnd(11)} | ${String(r.samples).padStart(7)} | ${String(r.passed).padStart(6)} | ${other.padEnd(20)} | ${r.wallS.toFixed(2).padStart(6)} | ${r.perS.toFixed(1).padStart(9)} | ${r.cpuMs.toFixed(2).padStart(13)} | ${r.nodeCpuMs.toFixed(2).padStart(13)} |`,
  );
}
const [fork, fresh] = rows as [Row, Row];
console.log('');
console.log(`fork-server vs fresh: ${(fork.perS / fresh.perS).toFixed(1)}x samples/s, ${(fresh.cpuMs / fork.cpuMs).toFixed(1)}x less CPU per sample`);
console.log(`load avg after: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
