import type { Task } from '../config/task';
import { canonicalProgram } from '../config/task';
import { testRequest, type Sandbox, type SandboxResult } from '../sandbox';
import { findIgnore, type IgnoreEntry } from './ignore';
import { generateMutants, type Mutant } from './mutants';
import { OPERATORS, type Operator } from './operators';
import { createLimiter, mapLimit, type Limiter } from '../util/limiter';
import { metrics, metricsByOperator, type Metrics, type MutantStatus } from './score';
import { validateTask } from './validate';

export interface MutantResult extends Omit<Mutant, 'source' | 'compile_error'> {
  status: MutantStatus;
  statusReason?: string;
  /** The original line with the mutation applied (what a reviewer needs to write the missing test). */
  mutated_line: string;
  duration_ms?: number;
}

export interface TaskMutation {
  task_id: string;
  /** `canonical-failed`: the canonical solution fails its own tests, so no mutant can be judged. */
  status: 'tested' | 'canonical-failed';
  error?: string;
  /** The canonical program, as reports show it (mutant positions refer to it). */
  source: string;
  canonical_ms: number;
  timeout_ms: number;
  mutants: MutantResult[];
  metrics: Metrics;
}

export interface MutationProgress {
  task_id: string;
  done: number;
  total: number;
}

export interface MutateOptions {
  sandbox: Sandbox;
  operators?: readonly Operator[];
  ignore?: readonly IgnoreEntry[];
  /** Median canonical runtime (from validate); measured with one run when absent. */
  canonicalMs?: number;
  /** Mutant timeout = factor x canonical runtime + slack (Stryker's timeoutFactor / timeoutMS). */
  timeoutFactor?: number;
  timeoutSlackMs?: number;
  /** Mutants tested at once; ignored when `limiter` is given. */
  concurrency?: number;
  /** A limiter shared between tasks (mutateSuite passes one). */
  limiter?: Limiter;
  /** Called after every mutant; the workflow activity passes Context.heartbeat. */
  heartbeat?: (progress: MutationProgress) => void;
  python?: string;
}

export function mutantTimeoutMs(canonicalMs: number, factor = 2, slackMs = 1500): number {
  return Math.ceil(factor * canonicalMs + slackMs);
}

/**
 * Sandbox exception types meaning the test process died without a verdict (os._exit, a fatal
 * signal): Stryker calls a mutant that crashes the test runner a RuntimeError, not a kill.
 */
const RUNNER_CRASHES = new Set(['EarlyExit', 'Killed']);

/** Stryker's mapping of a test run to a mutant state. */
export function classify(r: SandboxResult): { status: MutantStatus; statusReason?: string } {
  switch (r.status) {
    case 'passed':
      return { status: 'Survived' };
    case 'failed':
      if (r.exceptionType && RUNNER_CRASHES.has(r.exceptionType)) return { status: 'RuntimeError', statusReason: `${r.exceptionType}: ${r.message ?? ''}` };
      return { status: 'Killed', statusReason: [r.exceptionType, r.message].filter(Boolean).join(': ') || 'tests failed' };
    case 'timeout':
      return { status: 'Timeout', statusReason: `no result within the time limit` };
    case 'error':
      return { status: 'RuntimeError', statusReason: r.message ?? 'the test run crashed without a result' };
  }
}

/** The source line(s) of the mutant with the replacement spliced in. */
export function mutatedLine(source: string, m: Pick<Mutant, 'start' | 'end' | 'replacement'>): string {
  const lines = source.split('\n');
  const first = lines[m.start.line - 1] ?? '';
  const last = lines[m.end.line - 1] ?? '';
  return (first.slice(0, m.start.column - 1) + m.replacement + last.slice(m.end.column - 1)).trim();
}

/** Mutation-tests one task: builds its mutants and runs the tests on each. */
export async function mutateTask(task: Task, opts: MutateOptions): Promise<TaskMutation> {
  const source = canonicalProgram(task);
  let canonicalMs = opts.canonicalMs;
  if (canonicalMs === undefined) {
    // Stryker's initial test run: mutants of a solution that fails its own tests mean nothing.
    const v = await validateTask(task, { sandbox: opts.sandbox, repeats: 1 });
    if (v.status !== 'passed') {
      const error = `the canonical solution does not pass its tests (${v.outcomes.join(', ')}${v.detail ? `: ${v.detail}` : ''}); run gauntlet validate`;
      return { task_id: task.task_id, status: 'canonical-failed', error, source, canonical_ms: v.median_ms, timeout_ms: 0, mutants: [], metrics: metrics([]) };
    }
    canonicalMs = v.median_ms;
  }
  const timeoutMs = mutantTimeoutMs(canonicalMs, opts.timeoutFactor, opts.timeoutSlackMs);
  const mutants = await generateMutants(task, opts.operators ?? OPERATORS, opts.python);
  const limit = opts.limiter ?? createLimiter(opts.concurrency ?? 2);
  let done = 0;
  const results = await Promise.all(
    mutants.map(async (m): Promise<MutantResult> => {
      const r = await judge(task, m, timeoutMs, limit, opts);
      opts.heartbeat?.({ task_id: task.task_id, done: ++done, total: mutants.length });
      const { source: _src, compile_error: _ce, ...rest } = m;
      return { ...rest, ...r, mutated_line: mutatedLine(source, m) };
    }),
  );
  return { task_id: task.task_id, status: 'tested', source, canonical_ms: canonicalMs, timeout_ms: timeoutMs, mutants: results, metrics: metrics(results.map((r) => r.status)) };
}

async function judge(task: Task, m: Mutant, timeoutMs: number, limit: Limiter, opts: MutateOptions): Promise<{ status: MutantStatus; statusReason?: string; duration_ms?: number }> {
  const ignored = findIgnore(opts.ignore ?? [], task.task_id, m);
  if (ignored) return { status: 'Ignored', statusReason: ignored.reason };
  if (m.compile_error) return { status: 'CompileError', statusReason: m.compile_error };
  return limit(async () => {
    try {
      const r = await opts.sandbox.run(testRequest(task, m.source, timeoutMs));
      return { ...classify(r), duration_ms: Math.round(r.durationMs) };
    } catch (e) {
      return { status: 'RuntimeError', statusReason: `sandbox failure: ${(e as Error).message}` };
    }
  });
}

export interface SuiteMutation {
  tasks: TaskMutation[];
  metrics: Metrics;
  byOperator: Partial<Record<Operator, Metrics>>;
  /** Ignore entries that matched no mutant: stale after a task or operator changed. */
  unusedIgnores: IgnoreEntry[];
}

export interface MutateSuiteOptions extends Omit<MutateOptions, 'limiter' | 'canonicalMs' | 'heartbeat'> {
  /** Median canonical runtimes by task id (from validate), to skip the initial runs. */
  canonicalMs?: Record<string, number>;
  onTaskDone?: (done: number, total: number, result: TaskMutation) => void;
  heartbeat?: (progress: MutationProgress) => void;
}

export async function mutateSuite(tasks: readonly Task[], opts: MutateSuiteOptions): Promise<SuiteMutation> {
  const limiter = createLimiter(opts.concurrency ?? 2);
  let done = 0;
  // Two tasks in flight: the next task's mutants are built while the last mutants of one still run.
  const results = await mapLimit(tasks, 2, async (task) => {
    const r = await mutateTask(task, { ...opts, limiter, canonicalMs: opts.canonicalMs?.[task.task_id] });
    opts.onTaskDone?.(++done, tasks.length, r);
    return r;
  });
  return summarizeSuite(results, opts.ignore ?? []);
}

export function summarizeSuite(results: TaskMutation[], ignore: readonly IgnoreEntry[]): SuiteMutation {
  const all = results.flatMap((t) => t.mutants);
  const used = new Set(results.flatMap((t) => t.mutants.filter((m) => m.status === 'Ignored').map((m) => findIgnore(ignore, t.task_id, m))));
  return {
    tasks: results,
    metrics: metrics(all.map((m) => m.status)),
    byOperator: metricsByOperator(all),
    unusedIgnores: ignore.filter((e) => !used.has(e) && results.some((t) => t.task_id === e.task_id)),
  };
}
