import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { ResultRow } from '../../config/results';
import type { Task } from '../../config/task';
import {
  DEFAULT_CUSTOM_IGNORE,
  loadIgnoreFile,
  mutateTask,
  parseOperatorList,
  summarizeSuite,
  validateTask,
  writeMutationReports,
  type MutationProgress,
  type TaskMutation,
} from '../../hardening';
import { sharedSandbox } from '../../sandbox/pool';
import { readJsonOr, writeJsonAtomic } from '../../store/atomic';
import { phaseUnits } from '../phase-units';
import type { PhaseContext } from '../../contract/phase';

type RowBody = Pick<ResultRow, 'status' | 'score' | 'reason' | 'stderr_tail'>;

/** Validate phase: the canonical solution against its tests, 3 times; flaky counts as failed. */
export async function scoreValidate(_ctx: PhaseContext, task: Task): Promise<RowBody> {
  const v = await validateTask(task, { sandbox: sharedSandbox(), repeats: 3 });
  if (v.status === 'error') throw sandboxBroke(v.detail);
  return {
    status: v.status === 'passed' ? 'passed' : 'failed',
    score: v.status === 'passed' ? 1 : 0,
    reason: v.status === 'passed' ? undefined : `${v.status}: ${v.outcomes.join(',')}`,
    stderr_tail: v.detail,
  };
}

/**
 * Mutation phase: one row per task; score = mutation score (0..1), passed when no valid mutant
 * survived. The task's full result is kept beside the run for the phase's mutation report.
 */
export async function scoreMutation(ctx: PhaseContext, task: Task, heartbeat: (p: MutationProgress) => void): Promise<RowBody> {
  const r = await mutateTask(task, {
    sandbox: sharedSandbox(),
    operators: ctx.phase.operators ? parseOperatorList(ctx.phase.operators.join(',')) : undefined,
    ignore: await ignoreEntries(ctx),
    heartbeat,
  });
  await writeJsonAtomic(taskResultFile(ctx, task.task_id), r);
  if (r.status === 'canonical-failed') return { status: 'failed', score: 0, reason: 'canonical solution fails its tests', stderr_tail: r.error };
  const survivors = r.mutants.filter((m) => m.status === 'Survived');
  return {
    status: survivors.length === 0 ? 'passed' : 'failed',
    score: r.metrics.score === null ? null : r.metrics.score / 100,
    reason: survivors.length ? `${survivors.length} mutant(s) survived: ${survivors.slice(0, 3).map((m) => `${m.operator}@${m.start.line}`).join(', ')}` : undefined,
  };
}

/** The phase's mutation-testing report (schema JSON, HTML, Markdown), from the per-task results. */
export async function writePhaseMutationReport(ctx: PhaseContext): Promise<void> {
  const pu = await phaseUnits(ctx.phase);
  const results: TaskMutation[] = [];
  for (const t of pu.tasks) {
    const r = await readJsonOr<TaskMutation | null>(taskResultFile(ctx, t.task_id), null);
    if (r) results.push(r);
  }
  await writeMutationReports(mutationDir(ctx), summarizeSuite(results, await ignoreEntries(ctx)), {
    suite: ctx.phase.suite.name,
    operators: ctx.phase.operators,
  });
}

function ignoreEntries(ctx: PhaseContext) {
  const file = ctx.phase.mutation_ignore ?? (ctx.phase.suite.name === 'custom' && !ctx.phase.suite.data ? DEFAULT_CUSTOM_IGNORE : null);
  return file ? loadIgnoreFile(file) : Promise.resolve([]);
}

const mutationDir = (ctx: PhaseContext) => path.join(ctx.output_dir, 'mutation', ctx.phase.name);
const taskResultFile = (ctx: PhaseContext, taskId: string) => path.join(mutationDir(ctx), 'tasks', `${taskId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);

function sandboxBroke(detail?: string) {
  return ApplicationFailure.create({ type: 'sandbox_error', message: detail ?? 'the sandbox broke while validating', nonRetryable: false });
}

