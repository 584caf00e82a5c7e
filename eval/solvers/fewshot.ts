import type { Exemplar, FewShot } from '../suites/bbh/cot-prompt';
import type { Sample } from '../types';

/**
 * The worked examples a question-answering sample carries in `metadata.fewshot` (BBH's
 * cot-prompts/<subtask>.txt; a user's suite may set the same shape), or undefined.
 */
export function fewshotOf(sample: Sample): FewShot | undefined {
  const f = sample.metadata.fewshot as Partial<FewShot> | undefined;
  if (!f || typeof f !== 'object' || typeof f.text !== 'string' || !Array.isArray(f.exemplars)) return undefined;
  return f as FewShot;
}

export type { Exemplar, FewShot };

/** The answer phrase both BBH solvers end on and exact-match extracts after. */
export const ANSWER_PHRASE = 'So the answer is';
