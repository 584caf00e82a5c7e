/**
 * Every activity the workers register. Workflows import this module as types only.
 */
export { prepareRun, markPhase, recordCrash, recordWait, finishPhase, finalizeRun } from './run/lifecycle';
export { planPhase } from './run/plan-phase';
export { runUnit, recordUnitError } from './run/run-unit';
