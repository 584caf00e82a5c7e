import { candidateProgram, type Task } from '../../config/task';
import { unitHash } from './faults';

/**
 * What the simulated model answers (BBH questions: see qa-answers.ts): `canonical` (the canonical solution in a python block),
 * `wrong` (the canonical code with the entry point replaced by one that returns None),
 * `nocode` (prose only), `rate:P` (canonical with probability P, deterministic per task and
 * request seed, otherwise wrong).
 */
export type AnswerMode = { kind: 'canonical' | 'wrong' | 'nocode' } | { kind: 'rate'; p: number };

export function parseAnswerMode(s: string | undefined): AnswerMode {
  const v = (s ?? 'canonical').trim();
  if (v === 'canonical' || v === 'wrong' || v === 'nocode') return { kind: v };
  const m = /^rate:(0(?:\.\d+)?|1(?:\.0+)?|\.\d+)$/.exec(v);
  if (m) return { kind: 'rate', p: Number(m[1]) };
  throw new Error(`answers "${v}" is not understood: expected canonical, wrong, nocode or rate:P with P in 0..1 (e.g. rate:0.7)`);
}

export type AnswerKind = 'canonical' | 'wrong' | 'nocode';

/** The answer for a task or sample id and a request seed: deterministic, so tests can count. */
export function chooseAnswer(mode: AnswerMode, id: string, seed: string): AnswerKind {
  if (mode.kind !== 'rate') return mode.kind;
  return unitHash(`${id}:${seed}`) < mode.p ? 'canonical' : 'wrong';
}

export function answerText(kind: AnswerKind, task: Task): string {
  const program = candidateProgram(task, task.canonical_solution).replace(/\n*$/, '\n');
  switch (kind) {
    case 'canonical':
      return `Here is a solution.\n\n\`\`\`python\n${program}\`\`\`\n`;
    case 'wrong':
      return (
        `Here is a solution.\n\n\`\`\`python\n${program}\n\n` +
        `def ${task.entry_point}(*args, **kwargs):\n    # Simplified: the general case reduces to nothing to compute.\n    return None\n\`\`\`\n`
      );
    case 'nocode':
      return (
        'I would solve this by reading the requirements carefully, handling the edge cases first ' +
        'and then walking over the input once while keeping a running result. Let me know if you ' +
        'would like me to write it out.'
      );
  }
}
