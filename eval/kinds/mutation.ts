import {
  DEFAULT_CUSTOM_IGNORE,
  loadIgnoreFile,
  mutateTask,
  parseOperatorList,
  summarizeSuite,
  writeMutationReports,
  type TaskMutation,
} from '../../hardening';
import type { PhaseContext } from '../../contract/phase';
import { mutationDirOf, mutationTaskFile } from '../../hardening/run-files';
import { sharedSandbox } from '../../sandbox/pool';
import { readJsonOr, writeJsonAtomic } from '../../store/atomic';
import { sampleEnvironment } from '../environment';
import { CANONICAL_ARM, codeOf } from './canonical';
import type { PhaseKind } from './types';

/** A task's mutants run one after the other; an hour covers the largest suites' biggest tasks. */
const MIN_MUTATION_UNIT_S = 3600;

/**
 * Mutation: one row per task; score = mutation score (0..1), passed when no valid mutant
 * survived. The task's full result is kept beside the run for the phase's mutation report.
 */
export const mutation: PhaseKind = {
  name: 'mutation',
  canonical: true,
  arms: () => [CANONICAL_ARM],
  samplesPerTask: () => 1,
  unitTimeoutS: (phase) => Math.max(phase.timeouts.unit_s, MIN_MUTATION_UNIT_S),
  // A task's mutants take seconds to minutes: one unit per activity, heartbeating per mutant.
  batchable: () => false,
  async evaluate(u, env) {
    const task = codeOf(u, 'mutation');
    const { ctx } = env;
    const r = await mutateTask(task, {
      sandbox: sharedSandbox(sampleEnvironment(u.sample, env.task)),
      operators: ctx.phase.operators ? parseOperatorList(ctx.phase.operators.join(',')) : undefined,
      ignore: await ignoreEntries(ctx),
      heartbeat: env.heartbeat,
    });
    await writeJsonAtomic(taskResultFile(ctx, task.task_id), r);
    const category = u.sample.metadata.category ? { category: u.sample.metadata.category } : {};
    if (r.status === 'canonical-failed') return { status: 'failed', score: 0, reason: 'canonical solution fails its tests', stderr_tail: r.error, ...category };
    const survivors = r.mutants.filter((m) => m.status === 'Survived');
    return {
      status: survivors.length === 0 ? 'passed' : 'failed',
      score: r.metrics.score === null ? null : r.metrics.score / 100,
      reason: survivors.length ? `${survivors.length} mutant(s) survived: ${survivors.slice(0, 3).map((m) => `${m.operator}@${m.start.line}`).join(', ')}` : undefined,
      ...category,
    };
  },
  /** The phase's mutation-testing report (schema JSON, HTML, Markdown), from the per-task results. */
  async finish(ctx, samples) {
    const results: TaskMutation[] = [];
    for (const s of samples) {
      const r = await readJsonOr<TaskMutation | null>(taskResultFile(ctx, s.id), null);
      if (r) results.push(r);
    }
    await writeMutationReports(mutationDir(ctx), summarizeSuite(results, await ignoreEntries(ctx)), {
      suite: ctx.phase.suite.name,
      operators: ctx.phase.operators,
    });
  },
};

function ignoreEntries(ctx: PhaseContext) {
  const file = ctx.phase.mutation_ignore ?? (ctx.phase.suite.name === 'custom' && !ctx.phase.suite.data ? DEFAULT_CUSTOM_IGNORE : null);
  return file ? loadIgnoreFile(file) : Promise.resolve([]);
}

const mutationDir = (ctx: PhaseContext) => mutationDirOf(ctx.output_dir, ctx.phase.name);
const taskResultFile = (ctx: PhaseContext, taskId: string) => mutationTaskFile(ctx.output_dir, ctx.phase.name, taskId);
