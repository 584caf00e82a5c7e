import type { Solver } from '../types';
import { fewshotOf } from './fewshot';

/**
 * Few-shot chain of thought (Suzgun et al. 2022, lm-eval's bbh_cot_fewshot): the subtask's
 * prompt file verbatim (description and 3 worked exemplars), then `Q: <input>` and
 * `A: Let's think step by step.` as one user message. Without exemplars it is zero-shot CoT.
 */
export const cotFewshot: Solver = async (state, generate) => {
  const shots = fewshotOf(state.sample);
  const question = `Q: ${state.sample.input}\nA: Let's think step by step.`;
  const content = shots ? `${shots.text}\n\n${question}` : question;
  return generate({ ...state, messages: [{ role: 'user', content }] });
};
