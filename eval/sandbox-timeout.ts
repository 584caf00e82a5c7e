import type { Phase } from '../config/run-config';
import { canonicalProgram, type Task } from '../config/task';
import { testRequest } from '../sandbox';
import { sharedSandbox } from '../sandbox/pool';

/** Phase override, else the task's, else max(4 s, 4x the canonical solution's runtime) measured once per worker. */
export async function sandboxTimeoutMs(phase: Phase, task: Task): Promise<number> {
  if (phase.timeouts.sandbox_s) return phase.timeouts.sandbox_s * 1000;
  if (task.timeout_s) return task.timeout_s * 1000;
  return Math.max(4000, 4 * (await canonicalRuntimeMs(task)));
}

const canonicalRuntimes = new Map<string, Promise<number>>();
export function canonicalRuntimeMs(task: Task): Promise<number> {
  const key = `${task.task_id}\u0000${task.canonical_solution.length}\u0000${task.test_code.length}`;
  let p = canonicalRuntimes.get(key);
  if (!p) {
    p = sharedSandbox()
      .run(testRequest(task, canonicalProgram(task), 60_000))
      .then((r) => r.durationMs);
    canonicalRuntimes.set(key, p);
  }
  return p;
}
