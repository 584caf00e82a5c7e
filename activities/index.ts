/**
 * Every activity the workers register. Workflows import this module as types only.
 */
export { prepareRun, markPhase, recordCrash, recordWait, finishPhase, finalizeRun } from './lifecycle';
export { planPhase } from './plan-phase';
export { runUnit, runUnits, recordUnitError } from './run-unit';
export { episodeStart, episodeModelTurn, episodeToolCall, episodeFinish } from './episode';
