import { InvalidArgumentError } from 'commander';
import { parseModelSpec } from '../config/model-spec';
import { isFileRef } from '../eval/plugins';

/**
 * The one integer parser of the CLI, as a commander argParser: `--size 20`, `--seed -3`.
 * `min` bounds it (positive counts use 1).
 */
export function integer(flag: string, min = Number.MIN_SAFE_INTEGER) {
  return (v: string): number => {
    if (!/^-?\d+$/.test(v.trim())) throw new InvalidArgumentError(`${flag} expects a whole number, got "${v}"`);
    const n = Number(v);
    if (n < min) throw new InvalidArgumentError(`${flag} expects a whole number >= ${min}, got ${n}`);
    return n;
  };
}

export const positiveInteger = (flag: string) => integer(flag, 1);

/** A comma-separated list of positive integers (`--k 1,10`). */
export function positiveIntegerList(flag: string) {
  const one = positiveInteger(flag);
  return (v: string): number[] => v.split(',').map((s) => one(s.trim()));
}

export interface ArmFlag {
  name: string;
  model: string;
  solver?: string;
}

/**
 * `--arm NAME=MODEL[:SOLVER]`: `base=anthropic/claude-sonnet-4-5`, `cot=mock:cot-fewshot`,
 * `minds=openai/gpt-4o:./my-solver.ts#minds`. The solver part is what follows the last `:` when
 * it names a solver (a built-in name in `solvers` or a file Ref) and what precedes it is a model
 * spec; so `replay:runs/a/results.jsonl` stays a model.
 */
export function parseArmFlag(v: string, solvers: readonly string[]): ArmFlag {
  const eq = v.indexOf('=');
  if (eq <= 0) throw new Error(`--arm expects NAME=MODEL[:SOLVER], e.g. --arm base=openai/gpt-4o or --arm cot=mock:cot-fewshot; got "${v}"`);
  const name = v.slice(0, eq);
  const rest = v.slice(eq + 1);
  const split = splitSolver(rest, solvers);
  return { name, ...split };
}

/** MODEL[:SOLVER] (see parseArmFlag); a bare model spec has no solver. */
export function splitSolver(spec: string, solvers: readonly string[]): { model: string; solver?: string } {
  // A file Ref may hold ':' only in a Windows drive, which we do not support; so look from the right.
  for (let i = spec.lastIndexOf(':'); i > 0; i = spec.lastIndexOf(':', i - 1)) {
    const model = spec.slice(0, i);
    const solver = spec.slice(i + 1);
    if (!(solvers.includes(solver) || isFileRef(solver))) continue;
    try {
      parseModelSpec(model);
      return { model, solver };
    } catch {
      // not a model before this ':'
    }
  }
  return { model: spec };
}
