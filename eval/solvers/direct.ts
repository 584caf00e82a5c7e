import type { Solver } from '../types';
import { ANSWER_PHRASE, fewshotOf } from './fewshot';

/**
 * Answer-only prompting (the paper's "answer-only" baseline): the subtask's description and the
 * same 3 exemplars with the reasoning removed, each answered `A: So the answer is X.`, then
 * `Q: <input>\nA:`. The answer keeps the "So the answer is" phrase (not the bare `A: (B)` of the
 * original answer-only prompts) so that one extraction rule scores both arms alike.
 */
export const direct: Solver = async (state, generate) => {
  const shots = fewshotOf(state.sample);
  const question = `Q: ${state.sample.input}\nA:`;
  const content = shots
    ? [shots.description, ...shots.exemplars.map((e) => `Q: ${e.question}\nA: ${ANSWER_PHRASE} ${e.answer}.`), question].join('\n\n')
    : `Answer with the final answer only, as "${ANSWER_PHRASE} <answer>."\n\n${question}`;
  return generate({ ...state, messages: [{ role: 'user', content }] });
};
