import type { Task } from '../config/task';
import { taskLimits } from './limits';
import type { SandboxRequest } from './types';
import { buildUnittestProgram } from './unittest-program';

/**
 * Joins a candidate with the task's tests. `test_code` may be top-level asserts or define
 * `check(candidate)`; in the latter case check is called on the entry point. Only a `check`
 * that the tests define counts: a solution's own helper named `check` (seen in a public suite's
 * canonical solution) must not be called as the test entry when the tests are plain asserts.
 * Tasks whose tests are unittest.TestCase classes (`test_harness: unittest`) get the unittest harness.
 */
export function buildTestProgram(task: Pick<Task, 'test_code' | 'entry_point'> & Partial<Pick<Task, 'test_harness'>>, candidate: string): string {
  if (task.test_harness === 'unittest') return buildUnittestProgram(task.test_code, candidate);
  return [
    candidate,
    '',
    `_gauntlet_candidate_check = globals().get('check')`,
    task.test_code,
    '',
    `if callable(globals().get('check')) and globals().get('check') is not _gauntlet_candidate_check:`,
    `    check(${task.entry_point})`,
    '',
  ].join('\n');
}

/** The sandbox request that runs a candidate against a task's tests, with the task's own limits. */
export function testRequest(task: Pick<Task, 'test_code' | 'entry_point' | 'cpu_timeout_s' | 'memory_mb'> & Partial<Pick<Task, 'test_harness'>>, candidate: string, timeoutMs: number): SandboxRequest {
  return { program: buildTestProgram(task, candidate), timeoutMs, ...taskLimits(task) };
}
