import { SuiteDataError } from '../read-data';

/** One worked example of a BBH chain-of-thought prompt. */
export interface Exemplar {
  question: string;
  /** The reasoning after "Let's think step by step.", up to (not including) "So the answer is". */
  reasoning: string;
  /** What follows "So the answer is", without the final period. */
  answer: string;
}

/** A subtask's prompt file: a one-line task description and its (usually 3) exemplars. */
export interface FewShot {
  description: string;
  exemplars: Exemplar[];
  /** The prompt as the file has it after `-----` (description and exemplars), trimmed: cot-fewshot uses it verbatim. */
  text: string;
}

const CUE = "A: Let's think step by step.";
const ANSWER = /^([\s\S]*)\s*So the answer is ([\s\S]*?)\.?\s*$/;

/**
 * Parses `cot-prompts/<subtask>.txt`: a canary line, `-----`, the description, then blocks of
 * `Q: ...`, `A: Let's think step by step.`, reasoning ending "So the answer is X.".
 */
export function parseCotPrompt(text: string, file: string): FewShot {
  const sep = text.indexOf('\n-----\n');
  if (sep < 0) throw new SuiteDataError(`${file}: expected a canary line, then a line "-----", then the prompt; found no "-----" line`);
  const body = text.slice(sep + '\n-----\n'.length).replace(/\r\n/g, '\n');
  const blocks = body.split(/\n(?=Q: )/);
  const description = blocks.shift()!.trim();
  const exemplars = blocks.map((b, i) => {
    const cue = b.indexOf(`\n${CUE}`);
    if (!b.startsWith('Q: ') || cue < 0) throw new SuiteDataError(`${file}, exemplar ${i + 1}: expected "Q: <question>" then a line "${CUE}"`);
    const m = ANSWER.exec(b.slice(cue + 1 + CUE.length));
    if (!m) throw new SuiteDataError(`${file}, exemplar ${i + 1}: expected the reasoning to end with "So the answer is <answer>."`);
    return { question: b.slice(3, cue).trim(), reasoning: m[1]!.trim(), answer: m[2]!.trim() };
  });
  if (exemplars.length === 0) throw new SuiteDataError(`${file}: expected at least one "Q: ..." exemplar after the description`);
  return { description, exemplars, text: body.trim() };
}
