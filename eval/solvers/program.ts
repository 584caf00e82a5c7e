import type { Task } from '../../config/task';
import { definesFunction } from './extract';

/**
 * The program the tests run for extracted code. Instruct tasks: the code itself. Completion
 * tasks (HumanEval): when the model rewrote the whole function, the prompt's preamble (imports
 * and helper functions defined before the entry point, e.g. HumanEval/10's is_palindrome) plus
 * the code; otherwise the code continues the prompt.
 */
export function buildProgram(task: Task, code: string): string {
  if (task.format !== 'completion') return code;
  if (!definesFunction(code, task.entry_point)) return task.prompt + code;
  return preamble(task) + code;
}

function preamble(task: Task): string {
  const m = new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${task.entry_point}[ \\t]*\\(`, 'm').exec(task.prompt);
  if (m) return task.prompt.slice(0, m.index);
  const imports = task.prompt.split('\n').filter((l) => /^(?:import|from)\s/.test(l));
  return imports.length ? imports.join('\n') + '\n\n' : '';
}
