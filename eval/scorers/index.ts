import type { Scorer } from '../types';
import { execTests } from './exec-tests';

export { execTests } from './exec-tests';

/** Built-in scorers by name (`phases[].scorer`, a suite's default). */
export const BUILTIN_SCORERS: Record<string, () => Scorer> = { 'exec-tests': execTests };
