import type { BigCodeBenchRecord } from './record';

/** BigCodeBench's own instruction (bigcodebench/generate.py), for both splits. */
export const INSTRUCTION_PREFIX = 'Please provide a self-contained Python script that solves the following problem in a markdown code block:';

/** The prompt a model sees, as the official generator builds it (provider/utility.py make_raw_chat_prompt). */
export function promptFor(r: BigCodeBenchRecord, split: 'complete' | 'instruct'): string {
  if (split === 'complete') return `${INSTRUCTION_PREFIX}\n\`\`\`\n${r.complete_prompt.trim()}\n\`\`\`\n`;
  return `${INSTRUCTION_PREFIX}\n${r.instruct_prompt.trim()}\n`;
}

/**
 * The official calibration (evaluate.py: `code_prompt + "\n    pass\n" + solution`): the task's
 * imports and signature go before every answer, so a chat model that left out an import is not
 * failed for it; the answer's own task_func replaces the stub.
 */
export const calibrationPrefix = (r: BigCodeBenchRecord) => `${r.code_prompt}\n    pass\n`;

/** The ground-truth program the official harness checks (evaluate.py get_groundtruth). */
export const groundTruth = (r: BigCodeBenchRecord) => `${r.complete_prompt}\n${r.canonical_solution}`;
