import type { SandboxInfo, SandboxLimit, SandboxRequest, SandboxResult } from './types';

/** The JSON-lines protocol of py/server.py, shared by both isolation modes. */

export const TAIL_CHARS = 2000;
const tail = (s: unknown) => (typeof s === 'string' ? (s.length > TAIL_CHARS ? s.slice(-TAIL_CHARS) : s) : '');

export function requestLine(id: number, req: SandboxRequest): string {
  if (!(req.timeoutMs > 0)) throw new Error(`sandbox request: timeoutMs must be a positive number of milliseconds, got ${req.timeoutMs}`);
  return (
    JSON.stringify({
      id,
      program: req.program,
      timeout_ms: Math.ceil(req.timeoutMs),
      ...(req.memoryMb !== undefined && { memory_mb: Math.ceil(req.memoryMb) }),
      ...(req.maxProcesses !== undefined && { nproc: Math.ceil(req.maxProcesses) }),
      ...(req.cpuTimeoutMs !== undefined && { cpu_timeout_ms: Math.ceil(req.cpuTimeoutMs) }),
      ...(req.moduleName !== undefined && { module_name: req.moduleName }),
    }) + '\n'
  );
}

export interface Hello {
  pid: number;
  python: string;
  version: string;
  isolation: SandboxInfo['isolation'];
  preload?: SandboxInfo['preload'];
}

export type ServerLine = { kind: 'hello'; hello: Hello } | { kind: 'result'; id: number; result: SandboxResult };

const STATUSES = new Set(['passed', 'failed', 'timeout', 'error']);
const LIMITS = new Set<string>(['wall', 'cpu', 'memory', 'test'] satisfies SandboxLimit[]);

/** Parses one line of server output; throws with the offending line when it is not ours. */
export function parseLine(line: string): ServerLine {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`sandbox server wrote a line that is not JSON: ${line.slice(0, 200)}`);
  }
  if (v.hello) return { kind: 'hello', hello: v.hello as Hello };
  if (typeof v.id !== 'number' || !STATUSES.has(v.status as string)) {
    throw new Error(`sandbox server wrote an unexpected line (expected {id, status}): ${line.slice(0, 200)}`);
  }
  return {
    kind: 'result',
    id: v.id,
    result: {
      status: v.status as SandboxResult['status'],
      ...(typeof v.exceptionType === 'string' && { exceptionType: v.exceptionType }),
      ...(typeof v.message === 'string' && { message: v.message }),
      stdoutTail: tail(v.stdout),
      stderrTail: tail(v.stderr),
      stdoutBytes: Number(v.stdoutBytes ?? 0),
      stderrBytes: Number(v.stderrBytes ?? 0),
      durationMs: Number(v.durationMs ?? 0),
      ...(typeof v.cpuMs === 'number' && { cpuMs: v.cpuMs }),
      ...(LIMITS.has(v.limit as string) && { limit: v.limit as SandboxLimit }),
    },
  };
}

/** A result for a sample the sandbox could not judge (never the candidate's fault). */
export function errorResult(message: string, durationMs: number, stderrTail = ''): SandboxResult {
  return { status: 'error', message, stdoutTail: '', stderrTail: tail(stderrTail), durationMs };
}
