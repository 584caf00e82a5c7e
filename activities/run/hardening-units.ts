import type { ResultRow } from '../../config/results';
import type { Task } from '../../config/task';
import type { PhaseContext } from './types';

type RowBody = Pick<ResultRow, 'status' | 'score' | 'reason' | 'stderr_tail'>;

/** Validate phase: the canonical solution against its tests, 3 times; flaky counts as failed. */
export async function scoreValidate(_ctx: PhaseContext, _task: Task): Promise<RowBody> {
  throw new Error('validate phase: wiring to activities/hardening pending');
}

/** Mutation phase: one row per task; score = mutation score, passed when no valid mutant survived. */
export async function scoreMutation(_ctx: PhaseContext, _task: Task, _heartbeat: (p: unknown) => void): Promise<RowBody> {
  throw new Error('mutation phase: wiring to activities/hardening pending');
}

/** The phase's mutation-testing report (JSON schema format + HTML), from the per-task results. */
export async function writePhaseMutationReport(_ctx: PhaseContext): Promise<void> {
  throw new Error('mutation phase: wiring to activities/hardening pending');
}
