import { parseModelSpec } from '../config/model-spec';
import type { Arm, Phase } from '../config/run-config';
import { unitKey, type ResultRow } from '../config/results';
import type { ResultsIndex } from '../store/results-index';
import { selectTasks } from '../analysis/sample-ids';
import { phaseKind } from './kinds';
import type { Unit } from './kinds/types';
import { resolveSuite } from './registry';
import { SuiteDataError } from './suites/read-data';
import type { Sample, TaskDef } from './types';

export interface PhaseUnits {
  task: TaskDef;
  samples: Sample[];
  arms: Arm[];
  /** Samples (epochs) per task and arm. */
  epochs: number;
  total: number;
  unitTimeoutS: number;
  /** Per arm (see PhaseKind.batchable). */
  batchable: boolean[];
}

/** Deterministic per-worker: a cold HumanEval+ load computes expected outputs for a minute or more. */
export interface PhaseUnitsOptions {
  onProgress?: (detail?: string) => void;
}

/** The phase's samples (after `samples` and `sample_ids`), arms and epochs, in a fixed order. */
export async function phaseUnits(phase: Phase, opts: PhaseUnitsOptions = {}): Promise<PhaseUnits> {
  const task = await resolveSuite(phase.suite.name);
  const kind = phaseKind(phase);
  if (kind.canonical && !task.hardenable) {
    throw new SuiteDataError(`phase ${phase.name}: suite ${phase.suite.name} has no canonical solutions and tests, which ${phase.kind} phases measure; use a code suite or a benchmark phase`);
  }
  let samples = await task.samples({ data: phase.suite.data, options: phase.suite.options, onProgress: opts.onProgress });
  if (phase.samples !== undefined) samples = samples.slice(0, phase.samples);
  if (phase.sample_ids) samples = selectByIds(samples, phase.sample_ids, phase.name);
  const arms = kind.arms(phase);
  const epochs = kind.samplesPerTask(phase);
  return { task, samples, arms, epochs, total: samples.length * arms.length * epochs, unitTimeoutS: kind.unitTimeoutS(phase), batchable: arms.map(kind.batchable) };
}

/** Unknown ids are bad data: a SuiteDataError, so the phase fails without pointless retries. */
function selectByIds(samples: Sample[], ids: string[], phaseName: string): Sample[] {
  try {
    return selectTasks(samples.map((s) => ({ task_id: s.id, s })), ids, `phase ${phaseName} sample_ids`).map((x) => x.s);
  } catch (e) {
    throw new SuiteDataError((e as Error).message);
  }
}

/** Unit u = (task ⌊u/(A·S)⌋, arm ⌊u/S⌋ mod A, epoch u mod S). */
export function unitAt(pu: PhaseUnits, u: number): Unit {
  if (!Number.isInteger(u) || u < 0 || u >= pu.total) throw new Error(`unit ${u} is out of range 0..${pu.total - 1}`);
  const S = pu.epochs;
  const A = pu.arms.length;
  const taskIndex = Math.floor(u / (S * A));
  return { sample: pu.samples[taskIndex]!, taskIndex, arm: pu.arms[Math.floor(u / S) % A]!, epoch: u % S };
}

export function unitIndexOf(pu: PhaseUnits, taskIndex: number, armIndex: number, epoch: number): number {
  return (taskIndex * pu.arms.length + armIndex) * pu.epochs + epoch;
}

/** Rate limits and backoff apply per provider endpoint. */
export function providerKey(arm: Arm): string {
  const spec = parseModelSpec(arm.model);
  return arm.base_url ? `${spec.provider}@${arm.base_url}` : spec.provider;
}

/** The phase's units that already have a passed/failed row (error rows are re-run), in unit order. */
export function* scoredUnits(pu: PhaseUnits, phaseName: string, idx: ResultsIndex): Generator<{ unit: number; arm: Arm; row: ResultRow }> {
  for (let t = 0; t < pu.samples.length; t++)
    for (let a = 0; a < pu.arms.length; a++)
      for (let s = 0; s < pu.epochs; s++) {
        const row = idx.get(unitKey({ phase: phaseName, task_id: pu.samples[t]!.id, arm: pu.arms[a]!.name, sample: s }));
        if (row && row.status !== 'error') yield { unit: unitIndexOf(pu, t, a, s), arm: pu.arms[a]!, row };
      }
}

/** Units with a passed/failed row, and all units, of one phase. */
export async function countScored(phase: Phase, idx: ResultsIndex): Promise<{ done: number; total: number }> {
  const pu = await phaseUnits(phase);
  return { done: [...scoredUnits(pu, phase.name, idx)].length, total: pu.total };
}
