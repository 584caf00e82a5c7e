export { benchmarkRun } from './benchmark-run';
export { runPhase } from './run-phase';
export { episodeWorkflow } from './episode';
