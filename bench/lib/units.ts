import path from 'node:path';
import type { RunConfigInput } from '../../config/run-config';
import { storeName } from '../../workers/options';
import { ROOT } from './procs';

export const HUMANEVAL = path.resolve(ROOT, '../shared/datasets/humaneval/HumanEval.jsonl.gz');
const HUMANEVAL_TASKS = 164;

/** tasks x samples == units exactly, with as many distinct tasks (<= 164) as divide `units`. */
export function splitUnits(units: number, arms = 1): { tasks: number; samples: number } {
  const perArm = units / arms;
  if (!Number.isInteger(perArm) || perArm < 1) throw new Error(`${units} units do not split over ${arms} arm(s)`);
  for (let t = Math.min(HUMANEVAL_TASKS, perArm); t >= 1; t--) if (perArm % t === 0) return { tasks: t, samples: perArm / t };
  return { tasks: 1, samples: perArm };
}

/** One benchmark phase on HumanEval; cache off so each unit does its real work. */
export function benchConfig(o: {
  runId: string;
  outDir: string;
  units: number;
  concurrency: number;
  arms?: NonNullable<RunConfigInput['phases'][number]['arms']>;
}): RunConfigInput {
  const arms = o.arms ?? [{ name: 'ref', model: 'reference' }];
  const { tasks, samples } = splitUnits(o.units, arms.length);
  return {
    run_id: o.runId,
    output_dir: o.outDir,
    // Owned by this machine's store, as `gauntlet run` starts runs (the bench worker serves it).
    store: storeName(),
    cache: false,
    phases: [
      {
        name: 'bench',
        kind: 'benchmark',
        suite: { name: 'humaneval', data: HUMANEVAL },
        arms,
        samples: tasks,
        samples_per_task: samples,
        k: [1],
        concurrency: o.concurrency,
        timeouts: { unit_s: 300, heartbeat_s: 30, sandbox_s: 30 },
      },
    ],
    backoff: { initial_s: 1, max_s: 10, multiplier: 2, max_total_wait_s: 3600 },
  };
}
