import type { Arm, Phase } from '../../config/run-config';
import type { ResultRow } from '../../config/results';
import type { PhaseContext } from '../../contract/phase';
import type { Sample, TaskDef } from '../types';

/** One unit: a sample, an arm, and which of the arm's samples per task (epoch) it is. */
export interface Unit {
  sample: Sample;
  taskIndex: number;
  arm: Arm;
  epoch: number;
}

/** What a unit's evaluation adds to its row key. */
export type RowBody = Omit<ResultRow, 'run_id' | 'phase' | 'task_id' | 'arm' | 'sample' | 'duration_ms' | 'recorded_at' | 'attempt' | 'tokens_in' | 'tokens_out' | 'cost_usd'> &
  Partial<Pick<ResultRow, 'tokens_in' | 'tokens_out' | 'cost_usd'>>;

export interface UnitEnv {
  ctx: PhaseContext;
  task: TaskDef;
  heartbeat: (details?: unknown) => void;
  signal?: AbortSignal;
}

/**
 * A phase kind: which arms and how many samples per task it runs, how long a unit may take, and
 * how one unit is evaluated. The workflow knows none of this; adding a kind is one module here.
 */
export interface PhaseKind {
  name: Phase['kind'];
  /** Measures the canonical solution (validate, mutation): needs a hardenable suite, one canonical arm. */
  canonical: boolean;
  arms: (phase: Phase) => Arm[];
  samplesPerTask: (phase: Phase) => number;
  unitTimeoutS: (phase: Phase) => number;
  /**
   * Units short and free of rate limits may be evaluated several per activity: per-activity
   * Temporal work (about 5 ms) would otherwise dominate a few-millisecond sandbox run. Benchmark
   * units qualify only for arms that call no model (reference, replay).
   */
  batchable: (arm: Arm) => boolean;
  /** Each unit is an episode workflow of its own (agentic), not a runUnit activity. */
  episodes?: boolean;
  evaluate: (unit: Unit, env: UnitEnv) => Promise<RowBody>;
  /** Phase-level outputs once all units are in (the mutation report). */
  finish?: (ctx: PhaseContext, samples: Sample[]) => Promise<void>;
}
