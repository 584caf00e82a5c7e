import type { Task } from '../../config/task';
import { loadEvalPlus, type EvalPlusOptions } from './evalplus';

/**
 * HumanEval+ as EvalPlus scores it (see evalplus.ts); `originalCheck` adds HumanEval's own
 * check (exact float equality) in front: stricter, and not comparable with EvalPlus's numbers.
 */
export function loadHumanEvalPlus(file: string, opts: Omit<EvalPlusOptions, 'flavour'> = {}): Promise<Task[]> {
  return loadEvalPlus(file, { ...opts, flavour: 'humaneval' });
}
