import type { Task } from '../../config/task';

/** Prompts of the baseline solver: ask for one fenced python block, which extraction prefers. */
export const DEFAULT_SYSTEM_PROMPT = 'You are an expert Python programmer. Reply with code only.';

export function userPrompt(task: Task): string {
  if (task.format === 'completion') {
    const prompt = task.prompt.endsWith('\n') ? task.prompt : `${task.prompt}\n`;
    return (
      'Complete the following Python function. Return the whole function, signature included, ' +
      'in one ```python code block.\n\n```python\n' + prompt + '```'
    );
  }
  return `${task.prompt.trimEnd()}\n\nAnswer with a complete, self-contained Python solution in one \`\`\`python code block.`;
}
