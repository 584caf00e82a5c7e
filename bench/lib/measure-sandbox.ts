import { readFileSync } from 'node:fs';
import { createSandbox, type IsolationMode, type SandboxOptions, type SandboxRequest, type SandboxResult } from '../../sandbox';

/** CPU seconds of a process and its reaped children, from /proc/<pid>/stat. */
function cpuOf(pid: number | 'self'): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14..17 of stat(5) (utime, stime, cutime, cstime) sit at 11..14 after the comm field
  return [11, 12, 13, 14].reduce((s, i) => s + Number(f[i]), 0) / 100;
}

export interface SandboxRow {
  mode: IsolationMode;
  samples: number;
  passed: number;
  other: Record<string, number>;
  wallS: number;
  perS: number;
  cpuMs: number;
  nodeCpuMs: number;
}

/** Runs every program through one sandbox; wall clock and CPU (Node + server + children, from /proc) per sample. */
export async function measureSandbox(opts: SandboxOptions & { mode: IsolationMode }, programs: string[], timeoutMs: number, extra: Omit<SandboxRequest, 'program' | 'timeoutMs'> = {}): Promise<SandboxRow> {
  const mode = opts.mode;
  const sb = createSandbox(opts);
  const info = await sb.info!(); // starts (and warms) the fork server outside the timed part
  const serverCpu0 = mode === 'fork-server' ? cpuOf(info.pid) : 0;
  const selfCpu0 = cpuOf('self');
  const nodeCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const results: SandboxResult[] = await Promise.all(programs.map((program) => sb.run({ program, timeoutMs, ...extra })));
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

export function printSandboxRows(rows: SandboxRow[]): void {
  console.log('');
  console.log('| mode        | samples | passed | not passed           | wall s | samples/s | CPU ms/sample | of which Node |');
  console.log('|-------------|--------:|-------:|----------------------|-------:|----------:|--------------:|--------------:|');
  for (const r of rows) {
    const other = Object.entries(r.other).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
    console.log(
      `| ${r.mode.padEnd(11)} | ${String(r.samples).padStart(7)} | ${String(r.passed).padStart(6)} | ${other.padEnd(20)} | ${r.wallS.toFixed(2).padStart(6)} | ${r.perS.toFixed(1).padStart(9)} | ${r.cpuMs.toFixed(2).padStart(13)} | ${r.nodeCpuMs.toFixed(2).padStart(13)} |`,
    );
  }
}
