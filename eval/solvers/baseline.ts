import type { Arm } from '../../config/run-config';
import type { Task } from '../../config/task';
import type { ChatRequest, ModelOutput } from '../../models/chat';
import type { Generation } from '../../models/types';
import { extractCode } from './extract';
import { buildProgram } from './program';
import { DEFAULT_SYSTEM_PROMPT, userPrompt } from './prompts';
import { pythonCompiles } from './syntax';

export interface SolverInput {
  task: Task;
  arm: Arm;
  sampleIndex: number;
}

/** A solver turns a task into a Generation using the model call it is given. */
export type Solver = (input: SolverInput, call: (req: ChatRequest) => Promise<ModelOutput>) => Promise<Generation>;

export function baselineRequest({ task, arm, sampleIndex }: SolverInput): ChatRequest {
  const p = arm.params;
  return {
    system: p.system_prompt ?? DEFAULT_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: userPrompt(task) }],
    max_tokens: p.max_tokens,
    ...(p.temperature !== undefined ? { temperature: p.temperature } : {}),
    // A fixed seed would make all pass@k samples identical: each sample gets its own.
    ...(p.seed !== undefined ? { seed: p.seed + sampleIndex } : {}),
  };
}

/** One call, then code extraction. */
export const baseline: Solver = async (input, call) => {
  const out = await call(baselineRequest(input));
  return answerToGeneration(input.task, out);
};

export async function answerToGeneration(task: Task, out: ModelOutput): Promise<Generation> {
  const base: Generation = {
    answer: out.text,
    program: null,
    tokens_in: out.tokens_in,
    tokens_out: out.tokens_out,
    cost_usd: out.cost_usd,
    cached: out.cached,
    ...(out.unpriced ? { unpriced: true } : {}),
    ...(out.stop_reason ? { stop_reason: out.stop_reason } : {}),
  };
  const ex = extractCode(out.text, task.entry_point);
  if (ex.code === null) return { ...base, reason: 'no_code' };
  const program = buildProgram(task, ex.code);
  if (ex.from === 'whole' && (await pythonCompiles(program)) === false) return { ...base, reason: 'syntax_error' };
  return { ...base, program };
}
