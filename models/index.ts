import { candidateProgram } from '../config/task';
import { parseModelSpec } from '../config/model-spec';
import { callModel } from './call';
import { toModelCallError } from './provider-error';
import { resolveModel } from './providers';
import { SOLVERS } from '../eval/solvers';
import type { GenerateRequest, Generation } from './types';
import { ModelCallError } from './types';

export * from './types';
export { checkArmReady } from './providers';

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * One sample for one task: the arm's solver with the arm's model. Resolves to a Generation
 * (possibly with program null and a reason) or rejects with a ModelCallError whose failureClass
 * tells the workflow what to do; nothing else escapes.
 */
export async function generate(req: GenerateRequest): Promise<Generation> {
  const spec = parseModelSpec(req.arm.model);
  if (spec.provider === 'reference') {
    const answer = req.task.canonical_solution;
    return { answer, program: candidateProgram(req.task, answer), tokens_in: 0, tokens_out: 0, cost_usd: 0, cached: false };
  }
  try {
    const model = resolveModel(req.arm);
    const ctx = { task: req.task, sampleIndex: req.sampleIndex, timeoutMs: req.timeoutMs ?? envTimeout(), signal: req.signal };
    const solver = SOLVERS[req.arm.solver];
    if (!solver) throw new ModelCallError('fatal', `arm "${req.arm.name}": unknown solver "${req.arm.solver}"; known: ${Object.keys(SOLVERS).join(', ')}`, spec.provider);
    return await solver({ task: req.task, arm: req.arm, sampleIndex: req.sampleIndex }, (chat) => callModel(model, chat, ctx, req.useCache));
  } catch (e) {
    throw toModelCallError(spec.provider, e);
  }
}

function envTimeout(): number {
  const v = Number(process.env.GAUNTLET_MODEL_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_TIMEOUT_MS;
}
