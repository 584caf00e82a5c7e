import { candidateProgram } from '../../config/task';
import type { Sample, Solver } from '../types';

/**
 * The reference solver: answers with the sample's reference answer (a code task's canonical
 * solution, BBH's target) without calling a model. It is what the `reference` model spec runs,
 * and what validate and mutation phases measure.
 */
export function referenceSolver(reference: ((s: Sample) => string) | undefined): Solver {
  return async (state) => {
    const task = state.sample.code;
    const answer = reference?.(state.sample) ?? task?.canonical_solution ?? state.sample.target;
    if (answer === undefined) throw new Error(`sample ${state.sample.id}: the reference solver needs a reference answer, and this suite gives none`);
    return {
      ...state,
      messages: [...state.messages, { role: 'assistant', content: answer }],
      output: { completion: answer, ...(task ? { program: candidateProgram(task, answer) } : {}) },
    };
  };
}
