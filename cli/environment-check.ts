import type { Phase } from '../config/run-config';
import { environmentProblem } from '../environments';
import { phaseEnvironment } from '../eval/environment';
import type { TaskDef } from '../eval/types';
import { CliError } from './errors';

/**
 * A phase whose suite runs code in a library environment fails before the run starts when that
 * environment is not built here, with the command that builds it. (Workers check again: one
 * without it refuses the units with the same message.)
 */
export function checkPhaseEnvironment(phase: Phase, task: TaskDef): void {
  const env = phaseEnvironment(phase, task);
  if (!env) return;
  let problem: string | null;
  try {
    problem = environmentProblem(env);
  } catch (e) {
    problem = (e as Error).message;
  }
  if (problem) {
    throw new CliError(
      `phase ${phase.name}: suite ${phase.suite.name} runs its code in environment "${env}", which is not ready: ${problem}` +
        ` (workers on other machines need it too; --no-env-check skips this machine's check)`,
    );
  }
}
