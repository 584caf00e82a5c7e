import type { SuiteRef } from '../config/run-config';
import type { Task } from '../config/task';
import { resolveSuite } from './registry';
import { SuiteDataError } from './suites/read-data';
import type { Sample, TaskDef } from './types';

/** A suite's samples by Ref, for the CLI, the simulated API and analysis (workers go through phase-units). */
export async function loadSamples(ref: SuiteRef): Promise<{ task: TaskDef; samples: Sample[] }> {
  const task = await resolveSuite(ref.name);
  return { task, samples: await task.samples({ data: ref.data, options: ref.options }) };
}

/** A code suite's tasks (canonical solutions and tests): what validate, mutate and the simulated API work on. */
export async function loadCodeTasks(ref: SuiteRef): Promise<Task[]> {
  const { samples } = await loadSamples(ref);
  return samples.map((s) => {
    if (!s.code) throw new SuiteDataError(`suite ${ref.name}: sample ${s.id} has no canonical solution and tests (a code suite is needed here)`);
    return s.code;
  });
}
