import type { Solver } from '../types';
import { baseline } from './baseline';
import { cotFewshot } from './cot-fewshot';
import { direct } from './direct';

export { extractProgram } from './baseline';
export { referenceSolver } from './reference';

/** Built-in solvers by name (`arms[].solver`); `reference` is bound per suite (see eval/registry.ts). */
export const BUILTIN_SOLVERS: Record<string, Solver> = {
  baseline,
  'cot-fewshot': cotFewshot,
  direct,
};
