import type { Sample } from '../../eval/types';
import type { AnswerKind } from './answers';

const OPPOSITE: Record<string, string> = { true: 'False', false: 'True', yes: 'No', no: 'Yes', valid: 'invalid', invalid: 'valid' };

/**
 * A simulated chain-of-thought reply to a BBH question: `canonical` ends "So the answer is
 * <target>.", `wrong` names a wrong option (the next letter of the options, the opposite label,
 * or a changed value), `nocode` gives no answer at all (exact-match: no_answer).
 */
export function qaAnswerText(kind: AnswerKind, sample: Sample): string {
  const reasoning = "Let's think step by step. Working through the question carefully, one step at a time.";
  if (kind === 'nocode') return `${reasoning} I cannot decide between the possibilities here.`;
  return `${reasoning} So the answer is ${kind === 'canonical' ? sample.target : wrongAnswer(sample)}.`;
}

export function wrongAnswer(sample: Sample): string {
  const target = sample.target ?? '';
  const choices = sample.metadata.choices as Record<string, string> | undefined;
  const letter = /^\(([A-Z])\)$/.exec(target)?.[1];
  if (letter) {
    const letters = choices ? Object.keys(choices) : [];
    const next = letters[(letters.indexOf(letter) + 1) % Math.max(1, letters.length)];
    return `(${next && next !== letter ? next : letter === 'A' ? 'B' : 'A'})`;
  }
  const opposite = OPPOSITE[target.toLowerCase()];
  if (opposite) return opposite;
  if (/^-?\d+$/.test(target)) return String(Number(target) + 1);
  const words = target.split(' ');
  // word_sorting: the list reversed; dyck_languages and the rest: one more closing bracket.
  return words.length > 1 && /^[a-z]+$/i.test(words[0]!) ? [...words].reverse().join(' ') : `${target} )`;
}
