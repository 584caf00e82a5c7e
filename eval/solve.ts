import type { Arm } from '../config/run-config';
import { sharedSandbox } from '../sandbox/pool';
import { makeGenerate } from './generate';
import { initialState } from './state';
import type { Sample, Solver, TaskState } from './types';

const DEFAULT_MODEL_TIMEOUT_MS = 120_000;

export interface SolveArgs {
  solver: Solver;
  sample: Sample;
  epoch: number;
  arm: Arm;
  useCache: boolean;
  /** Per-request HTTP timeout; default $GAUNTLET_MODEL_TIMEOUT_MS or 120 s. Expiry is `transient`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  heartbeat?: (details?: unknown) => void;
}

/** One sample through a solver with the arm's model: the final state, or a ModelCallError saying what to do. */
export function solve(a: SolveArgs): Promise<TaskState> {
  const generate = makeGenerate({ arm: a.arm, useCache: a.useCache, timeoutMs: a.timeoutMs ?? modelTimeoutMs(), signal: a.signal });
  return a.solver(initialState(a.sample, a.epoch), generate, { arm: a.arm, sandbox: sharedSandbox, heartbeat: a.heartbeat ?? (() => undefined), signal: a.signal });
}

export function modelTimeoutMs(): number {
  const v = Number(process.env.GAUNTLET_MODEL_TIMEOUT_MS);
  return Number.isFinite(v) && v > 0 ? v : DEFAULT_MODEL_TIMEOUT_MS;
}
