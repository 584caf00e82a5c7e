import { readFileSync } from 'node:fs';
import { resolveRun } from '../analysis/runs';
import path from 'node:path';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';

export { connectClient, type ConnectionFlags } from './connection';
export { CliError } from './errors';

export const workflowIdForRun = (runId: string) => `gauntlet-${runId}`;

/**
 * A run named by its output directory, its run id or its workflow id (the same names `show` and
 * `fail-set` accept). Falls back to the workflow id a run id would have when no files are found.
 */
export async function resolveWorkflowId(ref: string): Promise<string> {
  try {
    const { dir } = await resolveRun(ref);
    const r = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as { workflow_id?: string };
    if (r.workflow_id) return r.workflow_id;
  } catch {
    // not a run on disk here: a workflow id, or a run whose files live on another machine
  }
  return ref.startsWith('gauntlet-') ? ref : workflowIdForRun(ref);
}

export async function describeOrNull(client: Client, workflowId: string) {
  try {
    return await client.workflow.getHandle(workflowId).describe();
  } catch (e) {
    if (e instanceof WorkflowNotFoundError) return null;
    throw e;
  }
}
