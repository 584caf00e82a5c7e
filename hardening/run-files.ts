import path from 'node:path';

/** Where a run keeps a mutation phase's files: the phase writes them, reports and the viewer read them. */
export const mutationDirOf = (outputDir: string, phase: string) => path.join(outputDir, 'mutation', phase);

/** One task's full mutation result (TaskMutation JSON), written as the task's unit finishes. */
export const mutationTaskFile = (outputDir: string, phase: string, taskId: string) =>
  path.join(mutationDirOf(outputDir, phase), 'tasks', `${taskId.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
