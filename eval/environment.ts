import type { Phase } from '../config/run-config';
import type { Sample, TaskDef } from './types';

/** The library environment a sample's code runs in: the sample's own, else its suite's; undefined = the worker's Python. */
export function sampleEnvironment(sample: Sample, task: Pick<TaskDef, 'sandbox'>): string | undefined {
  return sample.sandbox?.environment ?? task.sandbox?.environment;
}

/**
 * The environment a phase needs, known before any sample loads (the CLI's pre-run check): the
 * phase's `suite.options.environment` when given (a suite may run in a smaller environment, e.g.
 * bigcodebench-ci), else the suite's declared one.
 */
export function phaseEnvironment(phase: Pick<Phase, 'suite'>, task: Pick<TaskDef, 'sandbox'>): string | undefined {
  const o = phase.suite.options?.environment;
  return typeof o === 'string' && o ? o : task.sandbox?.environment;
}
