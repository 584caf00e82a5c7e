import { parseModelSpec } from '../../config/model-spec';
import { samplesPerTask, type Arm } from '../../config/run-config';
import { sharedSandbox } from '../../sandbox/pool';
import { sampleEnvironment } from '../environment';
import { resolveScorer, resolveSolver } from '../registry';
import { sandboxTimeoutMs } from '../sandbox-timeout';
import { modelTimeoutMs, solve } from '../solve';
import type { Score, TaskState } from '../types';
import type { PhaseKind, RowBody } from './types';

const TAIL = 1000;
const tail = (s: string | undefined) => (s && s.length > TAIL ? s.slice(-TAIL) : s);
/** Only a long answer gets a tail: a short one is its own tail, and a copy would make every row (which crosses the phase's history twice) a quarter larger. */
const answerTail = (s: string | undefined) => (s && s.length > TAIL ? { answer_tail: tail(s) } : {});

/** Providers that answer without an API call, so no rate limit or quota can hold them. */
const OFFLINE = new Set(['reference', 'replay']);

/** The solver an arm runs: `reference` as a model means the reference solver; else the arm's, else the suite's. */
export function solverRefOf(arm: Arm, suiteSolver: string): string {
  return parseModelSpec(arm.model).provider === 'reference' ? 'reference' : (arm.solver ?? suiteSolver);
}

/** Benchmark: the arm's solver with the arm's model, then the phase's (or the suite's) scorer. */
export const benchmark: PhaseKind = {
  name: 'benchmark',
  canonical: false,
  arms: (phase) => phase.arms,
  samplesPerTask,
  unitTimeoutS: (phase) => phase.timeouts.unit_s,
  batchable: (arm) => OFFLINE.has(parseModelSpec(arm.model).provider),
  async evaluate(u, env) {
    const phase = env.ctx.phase;
    const solver = await resolveSolver(solverRefOf(u.arm, env.task.solver), env.task);
    const scorer = await resolveScorer(phase.scorer ?? env.task.scorer);
    const state = await solve({
      solver,
      sample: u.sample,
      epoch: u.epoch,
      arm: u.arm,
      useCache: env.ctx.cache,
      // The model call must give up before the activity's own timeout, so its failure is classified, not lost.
      timeoutMs: Math.max(1000, Math.min(phase.timeouts.unit_s * 1000 * 0.8, modelTimeoutMs())),
      signal: env.signal,
      heartbeat: env.heartbeat,
    });
    const score = await scorer(state, { sandbox: () => sharedSandbox(sampleEnvironment(u.sample, env.task)), sandboxTimeoutMs: (t) => sandboxTimeoutMs(phase, t), heartbeat: env.heartbeat });
    return rowBodyOf(state, score);
  },
};

export function rowBodyOf(state: TaskState, score: Score): RowBody {
  const category = state.sample.metadata.category;
  return {
    status: score.status,
    score: score.value,
    ...(score.reason ? { reason: score.reason } : {}),
    ...(score.explanation ? { stderr_tail: tail(score.explanation) } : {}),
    tokens_in: state.usage.tokens_in,
    tokens_out: state.usage.tokens_out,
    cost_usd: state.usage.cost_usd,
    cached: state.usage.cached,
    answer: state.output.completion,
    ...answerTail(state.output.completion),
    ...(category ? { category } : {}),
    ...(score.answer !== undefined ? { extracted: score.answer } : {}),
    ...(score.metadata ? { metadata: score.metadata } : {}),
  };
}
