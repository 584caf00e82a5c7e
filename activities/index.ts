/**
 * Every activity the workers register. Workflows import this module as types only.
 * Lifecycle activities heartbeat while they run (keepAlive): a lost worker costs seconds.
 */
import * as lifecycle from './lifecycle';
import * as plan from './plan-phase';
import * as unit from './run-unit';
import * as rows from './record-rows';
import { keepAlive } from './keep-alive';

export const prepareRun = keepAlive('prepareRun', lifecycle.prepareRun);
export const markPhase = keepAlive('markPhase', lifecycle.markPhase);
export const recordCrash = keepAlive('recordCrash', lifecycle.recordCrash);
export const recordWait = keepAlive('recordWait', lifecycle.recordWait);
export const finishPhase = keepAlive('finishPhase', lifecycle.finishPhase);
export const finalizeRun = keepAlive('finalizeRun', lifecycle.finalizeRun);
export const planPhase = keepAlive('planPhase', plan.planPhase);
export const recordUnitError = keepAlive('recordUnitError', unit.recordUnitError);
export const recordRows = keepAlive('recordRows', rows.recordRows);
export const runUnit = unit.runUnit;
export const runUnits = unit.runUnits;
export { episodeStart, episodeModelTurn, episodeToolCall, episodeFinish } from './episode';
