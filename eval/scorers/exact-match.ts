import type { Sample, Score, Scorer } from '../types';
import { DEFAULT_MARKER, extractAnswer, sameAnswer, type AnswerFormat } from './extract-answer';

export interface ExactMatchOptions {
  /** The phrase the answer follows (default "the answer is", any case; the last one counts). */
  marker?: string;
  /** Override the samples' `metadata.answer_format` (choice, label, free). */
  format?: AnswerFormat;
}

/**
 * exact-match: the answer after the last "the answer is" against the sample's target (rule in
 * extract-answer.ts). No answer is a wrong answer with reason `no_answer`, never an error.
 */
export function exactMatch(opts: ExactMatchOptions = {}): Scorer {
  const marker = opts.marker ?? DEFAULT_MARKER;
  return async (state): Promise<Score> => {
    const { sample } = state;
    if (sample.target === undefined) throw new Error(`sample ${sample.id} has no target: exact-match needs one (pick another scorer for this suite)`);
    const answer = extractAnswer(state.output.completion, marker);
    if (answer === undefined) return { status: 'failed', value: 0, reason: 'no_answer', explanation: `no "${marker}" followed by an answer in the output; expected ${sample.target}` };
    const ok = sameAnswer(answer, sample.target, opts.format ?? formatOf(sample), choicesOf(sample));
    return ok ? { status: 'passed', value: 1, answer } : { status: 'failed', value: 0, answer, reason: 'wrong_answer', explanation: `expected ${sample.target}, got ${answer}` };
  };
}

function formatOf(s: Sample): AnswerFormat {
  const f = s.metadata.answer_format;
  if (f === 'choice' || f === 'label' || f === 'free') return f;
  return s.metadata.choices ? 'choice' : 'free';
}

function choicesOf(s: Sample): Record<string, string> | undefined {
  const c = s.metadata.choices;
  return c && typeof c === 'object' ? (c as Record<string, string>) : undefined;
}
