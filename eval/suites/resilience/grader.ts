import { SandboxError } from '../../errors';
import type { Sandbox } from '../../../sandbox';
import type { Score, Scorer } from '../../types';
import { readResilience } from './files';

/** The grader replays ~600 batches; each check has its own 5 s alarm inside. */
const GRADER_TIMEOUT_MS = 60_000;
const MARK = '@@GRADE@@';

export interface ResilienceCheck {
  name: string;
  weight: number;
  passed: boolean;
  detail: string;
}

export interface ResilienceGrade {
  /** Sum of passed weights, 0..100. */
  score: number;
  checks: ResilienceCheck[];
  feedback: string;
}

/** Runs suites/resilience/grader.py on the code in the sandbox. */
export async function gradeResilience(code: string, sandbox: Sandbox): Promise<ResilienceGrade> {
  const program = `SUBMISSION = ${JSON.stringify(code)}\n${readResilience('grader.py')}`;
  const res = await sandbox.run({ program, timeoutMs: GRADER_TIMEOUT_MS });
  if (res.status === 'error') throw new SandboxError(res.message ?? 'the sandbox broke running the resilience grader');
  const line = res.stdoutTail.split('\n').find((l) => l.startsWith(MARK));
  if (!line) {
    // The submission killed the grader itself (os._exit, a runaway at import): nothing passed but the static scan could not run either.
    return { score: 0, checks: [], feedback: `grader did not finish (${res.status}: ${res.exceptionType ?? ''} ${res.message ?? ''})`.trim() };
  }
  return JSON.parse(line.slice(MARK.length)) as ResilienceGrade;
}

/** The suite's scorer: score = passed weights / 100, passed only at 100%; per-check verdicts in metadata. */
export function resilienceGrader(): Scorer {
  return async (state, env): Promise<Score> => {
    const g = await gradeResilience(state.output.program ?? state.output.completion, env.sandbox());
    const passed = g.score === 100;
    return {
      status: passed ? 'passed' : 'failed',
      value: g.score / 100,
      ...(passed ? {} : { reason: 'unresolved' }),
      explanation: g.feedback,
      metadata: { feedback: g.feedback, checks: Object.fromEntries(g.checks.map((c) => [c.name, c.passed])) },
    };
  };
}
