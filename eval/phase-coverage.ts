import type { Phase } from '../config/run-config';
import { unitKey } from '../config/results';
import { readResults } from '../store/results';
import { phaseUnits } from './phase-units';

export interface Coverage {
  total: number;
  /** Units of the phase without any row (passed, failed or error) of this run, in unit order. */
  missing: string[];
}

/**
 * Which of a phase's units have no row of this run in results.jsonl, read afresh from the file
 * (not from any in-memory index): the last word before a phase may be called completed.
 */
export async function phaseCoverage(phase: Phase, runId: string, resultsFile: string): Promise<Coverage> {
  const pu = await phaseUnits(phase);
  const { rows } = await readResults(resultsFile, { withoutAnswers: true });
  const have = new Set(rows.filter((r) => r.run_id === runId && r.phase === phase.name).map(unitKey));
  const missing: string[] = [];
  for (const sample of pu.samples)
    for (const arm of pu.arms)
      for (let epoch = 0; epoch < pu.epochs; epoch++) {
        if (!have.has(unitKey({ phase: phase.name, task_id: sample.id, arm: arm.name, sample: epoch }))) missing.push(`${sample.id} ${arm.name}#${epoch}`);
      }
  return { total: pu.total, missing };
}
