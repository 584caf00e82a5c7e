import type { Phase } from '../../config/run-config';
import { benchmark } from './benchmark';
import { mutation } from './mutation';
import type { PhaseKind } from './types';
import { validate } from './validate';
import { agentic } from './agentic';

export type { PhaseKind, Unit, UnitEnv, RowBody } from './types';
export { CANONICAL_ARM } from './canonical';
export { solverRefOf } from './benchmark';

/** Every phase kind; config/run-config.ts PHASE_KINDS lists the same names (a test keeps them equal). */
export const PHASE_KIND_MODULES: Record<Phase['kind'], PhaseKind> = { validate, mutation, benchmark, agentic };

export function phaseKind(phase: Pick<Phase, 'kind'>): PhaseKind {
  return PHASE_KIND_MODULES[phase.kind];
}
