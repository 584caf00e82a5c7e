import { candidateProgram } from '../../config/task';
import { parseModelSpec } from '../../config/model-spec';
import type { GenerateRequest, Generation } from './types';
import { ModelCallError } from './types';

export * from './types';

/** v0: only the offline `reference` provider. */
export async function generate(req: GenerateRequest): Promise<Generation> {
  const spec = parseModelSpec(req.arm.model);
  if (spec.provider === 'reference') {
    const answer = req.task.canonical_solution;
    return { answer, program: candidateProgram(req.task, answer), tokens_in: 0, tokens_out: 0, cost_usd: 0, cached: false };
  }
  throw new ModelCallError('fatal', `provider ${spec.provider} is not available yet`, spec.provider);
}
