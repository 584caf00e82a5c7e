import type { Scorer } from '../types';
import { exactMatch } from './exact-match';
import { execTests } from './exec-tests';
import { unittestScorer } from './unittest';
import { resilienceGrader } from '../suites/resilience/grader';

export { execTests } from './exec-tests';
export { exactMatch } from './exact-match';

/** Built-in scorers by name (`phases[].scorer`, a suite's default). */
export const BUILTIN_SCORERS: Record<string, () => Scorer> = {
  'exec-tests': execTests,
  'exact-match': () => exactMatch(),
  unittest: unittestScorer,
  'resilience-grader': resilienceGrader,
};
