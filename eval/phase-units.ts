import { statSync } from 'node:fs';
import { Context } from '@temporalio/activity';
import { parseModelSpec } from '../config/model-spec';
import { CANONICAL_ARM_NAME, samplesPerTask, type Arm, type Phase } from '../config/run-config';
import type { Task } from '../config/task';
import { loadSuite, resolveSuiteFile, SuiteDataError } from './suites';
import { selectTasks } from '../analysis/sample-ids';
import { unitKey, type ResultRow } from '../config/results';
import type { ResultsIndex } from '../store/results-index';

/** The canonical solution stands in as the "arm" of validate and mutation phases. */
export const CANONICAL_ARM: Arm = { name: CANONICAL_ARM_NAME, model: 'reference', solver: 'baseline', params: { max_tokens: 1 } };

export interface PhaseUnits {
  tasks: Task[];
  arms: Arm[];
  samples: number;
  total: number;
}

/** Suites are loaded once per worker process and file version (a 20,000-unit phase must not parse its suite 20,000 times). */
const suiteCache = new Map<string, Promise<Task[]>>();

async function cachedSuite(phase: Phase): Promise<Task[]> {
  const file = await resolveSuiteFile(phase.suite);
  const key = `${phase.suite.name}:${file}:${statSync(file).mtimeMs}`;
  let p = suiteCache.get(key);
  if (!p) {
    p = loadSuite({ ...phase.suite, data: file }, { onProgress: heartbeatIfActivity }).then((s) => s.tasks);
    p.catch(() => suiteCache.delete(key));
    suiteCache.set(key, p);
  }
  return p;
}

/** A cold HumanEval+ load computes expected outputs for a minute or more: keep the activity alive. */
function heartbeatIfActivity(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // not inside an activity (CLI, tests)
  }
}

/** The phase's tasks (after `samples` and `sample_ids`), arms and samples per task, in a fixed order. */
export async function phaseUnits(phase: Phase): Promise<PhaseUnits> {
  let tasks = await cachedSuite(phase);
  if (phase.samples !== undefined) tasks = tasks.slice(0, phase.samples);
  if (phase.sample_ids) tasks = selectByIds(tasks, phase.sample_ids, phase.name);
  const arms = phase.kind === 'benchmark' ? phase.arms : [CANONICAL_ARM];
  const samples = phase.kind === 'benchmark' ? samplesPerTask(phase) : 1;
  return { tasks, arms, samples, total: tasks.length * arms.length * samples };
}

/** Unknown ids are bad data: a SuiteDataError, so the phase fails without pointless retries. */
function selectByIds(tasks: Task[], ids: string[], phaseName: string): Task[] {
  try {
    return selectTasks(tasks, ids, `phase ${phaseName} sample_ids`);
  } catch (e) {
    throw new SuiteDataError((e as Error).message);
  }
}

export interface Unit {
  task: Task;
  taskIndex: number;
  arm: Arm;
  sample: number;
}

export function unitAt(pu: PhaseUnits, u: number): Unit {
  if (!Number.isInteger(u) || u < 0 || u >= pu.total) throw new Error(`unit ${u} is out of range 0..${pu.total - 1}`);
  const S = pu.samples;
  const A = pu.arms.length;
  const taskIndex = Math.floor(u / (S * A));
  return { task: pu.tasks[taskIndex]!, taskIndex, arm: pu.arms[Math.floor(u / S) % A]!, sample: u % S };
}

export function unitIndexOf(pu: PhaseUnits, taskIndex: number, armIndex: number, sample: number): number {
  return (taskIndex * pu.arms.length + armIndex) * pu.samples + sample;
}

/** Rate limits and backoff apply per provider endpoint. */
export function providerKey(arm: Arm): string {
  const spec = parseModelSpec(arm.model);
  return arm.base_url ? `${spec.provider}@${arm.base_url}` : spec.provider;
}

/** The phase's units that already have a passed/failed row (error rows are re-run), in unit order. */
export function* scoredUnits(pu: PhaseUnits, phaseName: string, idx: ResultsIndex): Generator<{ unit: number; arm: Arm; row: ResultRow }> {
  for (let t = 0; t < pu.tasks.length; t++)
    for (let a = 0; a < pu.arms.length; a++)
      for (let s = 0; s < pu.samples; s++) {
        const row = idx.get(unitKey({ phase: phaseName, task_id: pu.tasks[t]!.task_id, arm: pu.arms[a]!.name, sample: s }));
        if (row && row.status !== 'error') yield { unit: unitIndexOf(pu, t, a, s), arm: pu.arms[a]!, row };
      }
}

/** Units with a passed/failed row, and all units, of one phase. */
export async function countScored(phase: Phase, idx: ResultsIndex): Promise<{ done: number; total: number }> {
  const pu = await phaseUnits(phase);
  return { done: [...scoredUnits(pu, phase.name, idx)].length, total: pu.total };
}
