import { bbhTaskDef } from './suites/bbh';
import { bigcodebenchTaskDefs } from './suites/bigcodebench';
import { resilienceTaskDef } from './suites/resilience';
import type { TaskDef } from './types';

/** Built-in suites beyond the code suites (which eval/suites/registry.ts lists), one line each. */
export const BUILTIN_TASK_DEFS: readonly TaskDef[] = [
  bbhTaskDef,
  ...bigcodebenchTaskDefs,
  resilienceTaskDef,
];
