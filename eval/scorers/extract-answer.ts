/**
 * BBH's answer extraction rule, the one exact-match documents (README "BBH sweep"):
 *  1. the text after the LAST occurrence of the marker ("the answer is", any case), up to the end
 *     of that line (a leading ":" and line break after the marker are skipped);
 *  2. trimmed of whitespace, one trailing period, and markdown emphasis or code marks (`*`, `_`,
 *     backticks) around it, repeatedly ("**(B)**." -> "(B)");
 *  3. nothing left, or no marker at all: no answer.
 * Comparison depends on the answer format (see sameAnswer).
 */
export const DEFAULT_MARKER = 'the answer is';

export function extractAnswer(output: string, marker = DEFAULT_MARKER): string | undefined {
  // A regex, not toLowerCase().lastIndexOf(): lower-casing can change string lengths (İ).
  const matches = [...output.matchAll(new RegExp(marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi'))];
  const last = matches[matches.length - 1];
  if (!last) return undefined;
  const rest = output.slice(last.index + last[0].length).replace(/^[ \t]*:?\s*/, '');
  let s = rest.split('\n', 1)[0]!;
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.trim().replace(/\.$/, '').replace(/^[*_`]+/, '').replace(/[*_`]+$/, '');
  }
  return s === '' ? undefined : s;
}

export type AnswerFormat = 'choice' | 'label' | 'free';

const spaces = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * `(B)`, `B`, `B)`, `option B`, `(B) <option text>` all name option B; so does the option's text
 * on its own (case-insensitive). Anything else stays text. Letters are case-insensitive.
 */
export function optionOf(answer: string, choices: Record<string, string> | undefined): string {
  const s = spaces(answer).replace(/^option\s+/i, '');
  const m = /^\(([a-z])\)(?:\s.*)?$/i.exec(s) ?? /^([a-z])\)(?:\s.*)?$/i.exec(s) ?? /^([a-z])$/i.exec(s);
  if (m) return `(${m[1]!.toUpperCase()})`;
  const text = s.replace(/\.$/, '').toLowerCase();
  for (const [letter, option] of Object.entries(choices ?? {})) if (spaces(option).replace(/\.$/, '').toLowerCase() === text) return `(${letter})`;
  return s;
}

/**
 * free: whitespace-normalized, otherwise exact (`1,000` is not `1000`); label: also case-insensitive
 * (`true` is `True`); choice: both sides mapped to an option (optionOf) first.
 */
export function sameAnswer(answer: string, target: string, format: AnswerFormat, choices?: Record<string, string>): boolean {
  if (format === 'free') return spaces(answer) === spaces(target);
  if (format === 'label') return spaces(answer).toLowerCase() === spaces(target).toLowerCase();
  return optionOf(answer, choices) === optionOf(target, choices);
}
