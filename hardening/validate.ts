import type { Task } from '../config/task';
import { canonicalProgram } from '../config/task';
import { testRequest, type Sandbox, type SampleOutcome } from '../sandbox';
import { mapLimit } from '../util/limiter';
import { median } from './stats';

/**
 * passed: every repeat passed; failed: no repeat passed; flaky: repeats disagree (the tests or the
 * solution depend on time, randomness or leaked state); error: the sandbox itself broke, so the task
 * was not judged (re-run it).
 */
export type ValidationStatus = 'passed' | 'failed' | 'flaky' | 'error';

export interface TaskValidation {
  task_id: string;
  status: ValidationStatus;
  outcomes: SampleOutcome[];
  durations_ms: number[];
  /** Median runtime of the canonical solution with its tests; the base of later default timeouts. */
  median_ms: number;
  /** Why the first non-passing repeat did not pass. */
  detail?: string;
}

export interface ValidateOptions {
  sandbox: Sandbox;
  /** Runs per task; flakiness is disagreement between them. */
  repeats?: number;
  /** Tasks validated at once (each runs its repeats one after another). */
  concurrency?: number;
  /** Wall clock per run; default the task's timeout_s, else 10 s. */
  timeoutMs?: number;
  onProgress?: (done: number, total: number, last: TaskValidation) => void;
}

export const DEFAULT_VALIDATE_TIMEOUT_MS = 10_000;

export function validationStatus(outcomes: readonly SampleOutcome[]): ValidationStatus {
  if (outcomes.includes('error')) return 'error';
  const passed = outcomes.filter((o) => o === 'passed').length;
  if (passed === outcomes.length) return 'passed';
  return passed === 0 ? 'failed' : 'flaky';
}

/** Runs one task's canonical solution against its tests `repeats` times, one after another. */
export async function validateTask(task: Task, opts: Omit<ValidateOptions, 'onProgress' | 'concurrency'>): Promise<TaskValidation> {
  const repeats = opts.repeats ?? 3;
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`repeats must be a positive integer, got ${repeats}`);
  const timeoutMs = opts.timeoutMs ?? (task.timeout_s ? task.timeout_s * 1000 : DEFAULT_VALIDATE_TIMEOUT_MS);
  const req = testRequest(task, canonicalProgram(task), timeoutMs);
  const outcomes: SampleOutcome[] = [];
  const durations: number[] = [];
  let detail: string | undefined;
  for (let i = 0; i < repeats; i++) {
    const r = await opts.sandbox.run(req);
    outcomes.push(r.status);
    durations.push(Math.round(r.durationMs * 10) / 10);
    if (r.status !== 'passed' && detail === undefined) {
      detail = r.status === 'timeout' ? `timed out after ${timeoutMs} ms` : [r.exceptionType, r.message].filter(Boolean).join(': ') || r.status;
    }
  }
  return { task_id: task.task_id, status: validationStatus(outcomes), outcomes, durations_ms: durations, median_ms: median(durations), ...(detail ? { detail } : {}) };
}

export interface SuiteValidation {
  tasks: TaskValidation[];
  summary: Record<ValidationStatus, number> & { total: number };
}

export async function validateSuite(tasks: readonly Task[], opts: ValidateOptions): Promise<SuiteValidation> {
  let done = 0;
  const results = await mapLimit(tasks, opts.concurrency ?? 2, async (task) => {
    const r = await validateTask(task, opts);
    opts.onProgress?.(++done, tasks.length, r);
    return r;
  });
  const summary = { total: results.length, passed: 0, failed: 0, flaky: 0, error: 0 };
  for (const r of results) summary[r.status]++;
  return { tasks: results, summary };
}
