import type { Task } from '../config/task';
import type { SandboxRequest, SandboxResult } from './types';

/** The sandbox's address-space limit when a task names none (py/server.py DEFAULTS). */
export const DEFAULT_MEMORY_MB = 1024;

/** A task's own resource limits as request fields (absent ones keep the sandbox defaults). */
export function taskLimits(task: Pick<Task, 'cpu_timeout_s' | 'memory_mb'>): Pick<SandboxRequest, 'cpuTimeoutMs' | 'memoryMb'> {
  return {
    ...(task.cpu_timeout_s !== undefined && { cpuTimeoutMs: task.cpu_timeout_s * 1000 }),
    ...(task.memory_mb !== undefined && { memoryMb: task.memory_mb }),
  };
}

/**
 * A row's failure reason when a limit ended the sample, naming the limit (one text per limit
 * and suite, so reports can count them); undefined when no limit was hit. A plain wall-clock
 * timeout stays `timeout`.
 */
export function limitReason(res: Pick<SandboxResult, 'status' | 'limit'>, req: Pick<SandboxRequest, 'memoryMb'>): string | undefined {
  switch (res.limit) {
    case 'memory':
      return `MemoryError (address-space limit ${req.memoryMb ?? DEFAULT_MEMORY_MB} MB)`;
    case 'cpu':
      return 'timeout (CPU-time limit)';
    case 'test':
      return 'timeout (per-test time limit)';
    case 'wall':
      return 'timeout';
    default:
      return undefined;
  }
}
