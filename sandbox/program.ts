import type { Task } from '../config/task';

/**
 * Joins a candidate with the task's tests. `test_code` may be top-level asserts or define
 * `check(candidate)`; in the latter case check is called on the entry point.
 */
export function buildTestProgram(task: Pick<Task, 'test_code' | 'entry_point'>, candidate: string): string {
  return [
    candidate,
    '',
    task.test_code,
    '',
    `if 'check' in globals() and callable(globals()['check']):`,
    `    check(${task.entry_point})`,
    '',
  ].join('\n');
}
