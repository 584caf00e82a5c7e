import type { Sample } from '../../eval/types';

/**
 * Question-answering samples (BBH) the simulated API knows, by input text. A request is about
 * the sample whose input is its LAST question: few-shot prompts carry earlier `Q: ... A: ...`
 * exemplars, which must not be mistaken for the question asked.
 */
export type QuestionIndex = Map<string, Sample>;

export function questionIndex(samples: readonly Sample[]): QuestionIndex {
  const index: QuestionIndex = new Map();
  // Inputs repeated within a subtask (BBH has four such pairs) have the same target: the first stands for both.
  for (const s of samples) if (s.target !== undefined && !index.has(s.input.trim())) index.set(s.input.trim(), s);
  return index;
}

export function matchQuestion(index: QuestionIndex, text: string): Sample | undefined {
  if (index.size === 0) return undefined;
  const q = text.lastIndexOf('Q: ');
  if (q >= 0) {
    const rest = text.slice(q + 3);
    const a = rest.lastIndexOf('\nA:');
    const hit = index.get((a >= 0 ? rest.slice(0, a) : rest).trim());
    if (hit) return hit;
  }
  // A user's solver may send the bare input.
  return index.get(text.trim());
}
