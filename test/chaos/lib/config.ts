import path from 'node:path';
import type { RunConfigInput } from '../../../config/run-config';
import { ROOT } from '../../../bench/lib/procs';

export const HUMANEVAL = path.resolve(ROOT, '../shared/datasets/humaneval/HumanEval.jsonl.gz');
export const BBH = path.resolve(ROOT, '../shared/datasets/bbh');
export const BBH_ARMS = ['cot', 'direct'] as const;
export const PHASE = 'bench';
export const ARMS = ['ref', 'mock'] as const;

/** Worker env for chaos: a hung API call gives up fast (then retried), so hangs cost seconds, not minutes. */
export const WORKER_ENV = { GAUNTLET_MODEL_TIMEOUT_MS: '4000' };

/**
 * A reference arm and a mock-API arm over the first `tasks` HumanEval tasks. Short heartbeats
 * and small backoff so recovery is quick; an exhaustion budget (max_total_wait_s) far beyond
 * any quota window, so exhaustion is ridden out, never given up on.
 */
export function chaosConfig(o: { runId: string; outDir: string; tasks: number; samples: number; mockUrl: string; concurrency?: number }): RunConfigInput {
  return {
    run_id: o.runId,
    output_dir: o.outDir,
    cache: false, // every mock-arm unit must really call the API (and meet its faults)
    phases: [
      {
        name: PHASE,
        kind: 'benchmark',
        suite: { name: 'humaneval', data: HUMANEVAL },
        arms: [
          { name: 'ref', model: 'reference' },
          { name: 'mock', model: 'mock', base_url: o.mockUrl },
        ],
        samples: o.tasks,
        samples_per_task: o.samples,
        k: [1],
        concurrency: o.concurrency ?? 8,
        // sandbox_s generous: a loaded machine must not turn canonical answers into timeouts.
        timeouts: { unit_s: 60, heartbeat_s: 3, sandbox_s: 20 },
      },
    ],
    retry: { unit_max_attempts: 8, unit_initial_interval_s: 0.5, phase_max_attempts: 3, strike_delay_s: 1, error_rate_threshold: 0.5 },
    backoff: { initial_s: 1, max_s: 4, multiplier: 2, max_total_wait_s: 3600 },
  };
}

/** The BBH sweep under fire: all 27 subtasks x `n` examples, a cot-fewshot and a direct arm on the simulated API. */
export function bbhChaosConfig(o: { runId: string; outDir: string; n: number; mockUrl: string }): RunConfigInput {
  const base = chaosConfig({ ...o, tasks: 1, samples: 1 });
  return {
    ...base,
    phases: [
      {
        ...base.phases[0]!,
        suite: { name: 'bbh', data: BBH, options: { n_per_subtask: o.n } },
        arms: [
          { name: 'cot', model: 'mock', solver: 'cot-fewshot', base_url: o.mockUrl },
          { name: 'direct', model: 'mock', solver: 'direct', base_url: o.mockUrl },
        ],
        samples: undefined,
      },
    ],
  };
}
