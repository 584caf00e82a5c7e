/** Fail sets, subsets, run comparison and run summaries over run output directories. */
export { AnalysisError } from './errors';
export { resolveRun, loadRun, openRun, defaultRunsRoot, type LoadedRun, type ResolvedRun } from './runs';
export { selectSlice, type RunSlice, type SliceOptions } from './slice';
export { taskResults, tally, type TaskOutcome, type TaskResult } from './outcomes';
export { computeFailSet, failSetFromRuns, formatFailSetSummary, type FailSet, type FailSetMode } from './fail-set';
export { parseSampleIdsFile, parseSampleIds, selectTasks } from './sample-ids';
export { makeSubset, allocateProportional, SUBSET_STRATEGIES, type Subset, type SubsetStrategy } from './subset';
export { mcnemarExact } from './mcnemar';
export { compareSlices, compareRuns, formatComparison, type Comparison } from './compare';
export { summarizeRun, formatRunSummary, type RunSummary } from './summary';
export { listRunsFromDirs, type RunListing } from './list-runs';
