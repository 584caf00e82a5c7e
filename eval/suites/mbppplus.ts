import type { Task } from '../../config/task';
import { loadEvalPlus, type EvalPlusOptions } from './evalplus';

/** MBPP+ as EvalPlus scores it (see evalplus.ts); `originalCheck` adds MBPP's own asserts in front. */
export function loadMbppPlus(file: string, opts: Omit<EvalPlusOptions, 'flavour'> = {}): Promise<Task[]> {
  return loadEvalPlus(file, { ...opts, flavour: 'mbpp' });
}
