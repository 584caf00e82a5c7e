import type { Arm } from '../../config/run-config';
import { baseline, type Solver } from './baseline';

export type { Solver, SolverInput } from './baseline';

/** Solvers by the name an arm gives (`arm.solver`). */
export const SOLVERS: Record<Arm['solver'], Solver> = { baseline };
