import { appendFileSync } from 'node:fs';
import type { PhaseContext } from '../contract/phase';

/**
 * `GAUNTLET_EXEC_TRACE=<file>`: one JSON line per unit evaluation as it starts, written
 * synchronously (a SIGKILL right after loses nothing). How the multi-machine tests observe that
 * no unit was evaluated again after its row was recorded; off (no cost) when unset.
 */
export function traceExecution(ctx: PhaseContext, key: string, unit: number): void {
  const file = process.env.GAUNTLET_EXEC_TRACE;
  if (!file) return;
  appendFileSync(file, JSON.stringify({ run_id: ctx.run_id, unit, key, started_at: new Date().toISOString(), pid: process.pid }) + '\n');
}
