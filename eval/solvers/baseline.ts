import type { Task } from '../../config/task';
import type { Solver, SolverOutput, TaskState } from '../types';
import { extractCode } from './extract';
import { buildProgram } from './program';
import { DEFAULT_SYSTEM_PROMPT, userPrompt } from './prompts';
import { pythonCompiles } from './syntax';

/**
 * The code solver: one call with the code prompt, then code extraction. A sample without code
 * (`sample.code` undefined) gets one plain call with its input.
 */
export const baseline: Solver = async (state, generate, env) => {
  const task = state.sample.code;
  if (!task) return generate(state);
  const asked: TaskState = { ...state, messages: [{ role: 'user', content: userPrompt(task) }] };
  const out = await generate(asked, { system: env.arm.params.system_prompt ?? DEFAULT_SYSTEM_PROMPT });
  return { ...out, output: { ...out.output, ...(await extractProgram(task, out.output.completion)) } };
};

/** The program to test from a model answer, or null with the reason none could be had. */
export async function extractProgram(task: Task, answer: string): Promise<Pick<SolverOutput, 'program' | 'reason'>> {
  const ex = extractCode(answer, task.entry_point);
  if (ex.code === null) return { program: null, reason: 'no_code' };
  const program = buildProgram(task, ex.code);
  if (ex.from === 'whole' && (await pythonCompiles(program)) === false) return { program: null, reason: 'syntax_error' };
  return { program };
}
