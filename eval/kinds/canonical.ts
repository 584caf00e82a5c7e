import { CANONICAL_ARM_NAME, type Arm } from '../../config/run-config';
import { SuiteDataError } from '../suites/read-data';
import type { Task } from '../../config/task';
import type { Unit } from './types';

/** The canonical solution stands in as the one "arm" of validate and mutation phases. */
export const CANONICAL_ARM: Arm = { name: CANONICAL_ARM_NAME, model: 'reference', params: { max_tokens: 1 } };

/** The code task a hardening unit measures; a sample without one is bad suite data. */
export function codeOf(u: Unit, kind: string): Task {
  if (!u.sample.code) throw new SuiteDataError(`sample ${u.sample.id} has no canonical solution and tests: ${kind} phases need a code suite`);
  return u.sample.code;
}
