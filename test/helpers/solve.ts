import type { Arm } from '../../config/run-config';
import type { Task } from '../../config/task';
import { resolveSolver, resolveSuite } from '../../eval/registry';
import { solve } from '../../eval/solve';
import { sampleFromTask } from '../../eval/suites/code-suite';

export interface GenerateRequest {
  task: Task;
  arm: Arm;
  sampleIndex: number;
  useCache: boolean;
  timeoutMs?: number;
}

/** One code sample through the arm's solver (baseline unless it names another), flattened for assertions. */
export async function generate(r: GenerateRequest) {
  const def = await resolveSuite('custom');
  const solver = await resolveSolver(r.arm.model === 'reference' ? 'reference' : (r.arm.solver ?? 'baseline'), def);
  const st = await solve({ solver, sample: sampleFromTask(r.task), epoch: r.sampleIndex, arm: r.arm, useCache: r.useCache, timeoutMs: r.timeoutMs });
  return { answer: st.output.completion, program: st.output.program, reason: st.output.reason, ...st.usage };
}
