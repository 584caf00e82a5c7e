import { describe, expect, it } from 'vitest';
import { exactMatch } from '../../eval/scorers/exact-match';
import { extractAnswer } from '../../eval/scorers/extract-answer';
import { initialState } from '../../eval/state';
import type { Sample, ScorerEnv } from '../../eval/types';

/**
 * The extraction rule of exact-match, pinned output by output. Each case: the subtask's answer
 * format, the target, the model output, and the expected outcome (passed, failed with a wrong
 * answer, or no_answer). Options of the multiple-choice cases are CHOICES.
 */
const CHOICES = { A: '12/14/2026', B: 'Thursday', C: 'a red ball', D: '01/02/1990' };
type Case = [format: 'choice' | 'label' | 'free', target: string, output: string, expected: 'passed' | 'wrong' | 'no_answer'];

const CASES: Case[] = [
  // the plain forms
  ['choice', '(B)', 'So the answer is (B).', 'passed'],
  ['choice', '(B)', 'So the answer is B.', 'passed'],
  ['choice', '(B)', 'So the answer is B).', 'passed'],
  ['choice', '(B)', 'So the answer is (C).', 'wrong'],
  ['choice', '(B)', 'So the answer is (b).', 'passed'],
  // whitespace and the trailing period (lm-eval PR #2013: "(B). " with a trailing space)
  ['choice', '(B)', 'So the answer is (B). ', 'passed'],
  ['choice', '(B)', 'So the answer is   (B)  \n', 'passed'],
  ['choice', '(B)', 'So the answer is (B)', 'passed'],
  ['choice', '(B)', '\tSo the answer is\t(B).\t', 'passed'],
  // case of the marker
  ['choice', '(B)', 'The answer is (B).', 'passed'],
  ['choice', '(B)', 'THE ANSWER IS (B)', 'passed'],
  // two "the answer is": the last one counts
  ['choice', '(B)', 'At first the answer is (A). Wait, recount. So the answer is (B).', 'passed'],
  ['choice', '(B)', 'So the answer is (B). Hmm, no: the answer is (A).', 'wrong'],
  ['free', '24', 'I guessed the answer is 12, but 3 * 8 = 24. So the answer is 24.', 'passed'],
  // markdown emphasis and code marks
  ['choice', '(B)', 'So the answer is **(B)**.', 'passed'],
  ['choice', '(B)', '**So the answer is (B).**', 'passed'],
  ['choice', '(B)', 'So the answer is *B*', 'passed'],
  ['choice', '(B)', 'So the answer is __(B)__.', 'passed'],
  ['free', 'apple banana', 'So the answer is `apple banana`.', 'passed'],
  ['label', 'True', 'So the answer is **True**.', 'passed'],
  // options in words
  ['choice', '(B)', 'So the answer is (B) Thursday.', 'passed'],
  ['choice', '(B)', 'So the answer is Thursday.', 'passed'],
  ['choice', '(C)', 'So the answer is a red ball.', 'passed'],
  ['choice', '(C)', 'So the answer is A red ball.', 'passed'],
  ['choice', '(B)', 'So the answer is option B.', 'passed'],
  ['choice', '(B)', 'So the answer is Friday.', 'wrong'],
  ['choice', '(D)', 'So the answer is 01/02/1990.', 'passed'],
  // labels: case-insensitive, otherwise exact
  ['label', 'True', 'So the answer is true.', 'passed'],
  ['label', 'Yes', 'So the answer is yes', 'passed'],
  ['label', 'valid', 'So the answer is invalid.', 'wrong'],
  ['label', 'No', 'So the answer is No, because he did not.', 'wrong'],
  // free form: whitespace only
  ['free', '24', 'So the answer is 24.', 'passed'],
  ['free', '-24', 'So the answer is -24.', 'passed'],
  ['free', '1234', 'So the answer is 1,234.', 'wrong'],
  ['free', '3.5', 'So the answer is 3.5.', 'passed'],
  ['free', 'apple banana cherry', 'So the answer is apple  banana\tcherry.', 'passed'],
  ['free', 'apple banana cherry', 'So the answer is Apple banana cherry.', 'wrong'],
  ['free', 'apple banana cherry', 'So the answer is apple, banana, cherry.', 'wrong'],
  ['free', '] ) }', 'So the answer is ] ) }.', 'passed'],
  ['free', '] ) }', 'So the answer is ])}.', 'wrong'],
  ['free', '12', 'So the answer is twelve.', 'wrong'],
  // only the line the marker is on
  ['free', '7', 'So the answer is 7.\n\nLet me know if you need more help.', 'passed'],
  ['free', '7', 'So the answer is:\n7', 'passed'],
  ['choice', '(B)', 'The answer is: (B)', 'passed'],
  // no answer: never an error
  ['choice', '(B)', '(B)', 'no_answer'],
  ['choice', '(B)', 'I think it is B.', 'no_answer'],
  ['free', '7', 'So the answer is .', 'no_answer'],
  ['free', '7', 'So the answer is **', 'no_answer'],
  ['label', 'True', '', 'no_answer'],
  ['label', 'True', 'The answer: True', 'no_answer'],
];

const env = {} as ScorerEnv;
const scorer = exactMatch();
const sampleFor = (format: Case[0], target: string): Sample => ({
  id: 'bbh/test/0',
  input: 'Q',
  target,
  metadata: { category: 'test', answer_format: format, ...(format === 'choice' ? { choices: CHOICES } : {}) },
});

describe('exact-match extraction rule', () => {
  it('has at least 40 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c, i) => [i, ...c] as const))('case %i: %s target %j, output %j -> %s', async (_i, format, target, output, expected) => {
    const state = initialState(sampleFor(format, target), 0);
    const score = await scorer({ ...state, output: { completion: output } }, env);
    const got = score.status === 'passed' ? 'passed' : score.reason === 'no_answer' ? 'no_answer' : 'wrong';
    expect(got).toBe(expected);
    expect(score.value).toBe(expected === 'passed' ? 1 : 0);
    if (expected === 'no_answer') expect(score.answer).toBeUndefined();
    else expect(score.answer).toBe(extractAnswer(output));
  });

  it('records what it extracted and what was expected', async () => {
    const state = initialState(sampleFor('choice', '(B)'), 0);
    const score = await scorer({ ...state, output: { completion: 'So the answer is **(C)**.' } }, env);
    expect(score).toMatchObject({ status: 'failed', reason: 'wrong_answer', answer: '(C)', explanation: 'expected (B), got (C)' });
  });

  it('takes its marker and format as factory parameters', async () => {
    const custom = exactMatch({ marker: 'ANSWER:', format: 'label' });
    const state = initialState(sampleFor('free', 'Yes'), 0);
    expect((await custom({ ...state, output: { completion: 'reasoning... ANSWER: yes' } }, env)).status).toBe('passed');
    expect((await custom({ ...state, output: { completion: 'So the answer is Yes.' } }, env)).reason).toBe('no_answer');
  });
});
