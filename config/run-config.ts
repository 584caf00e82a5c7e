import { z } from 'zod';
import { ModelSpecString } from './model-spec';

/**
 * The run configuration: the one input that crosses from users (YAML/JSON file, CLI flags,
 * `temporal workflow start --input-file`) into the workflow. Every default lives here, so that
 * `gauntlet run --help`, the JSON Schema and the workflow agree.
 */

/**
 * A Ref names a solver, scorer or suite: a built-in name or a user's module export
 * `./file.ts#name` (eval/plugins.ts). Names are checked against the registry by `gauntlet run`
 * and again on the worker, which know the built-ins; the schema only rules out empty ones.
 */
export const RefString = z.string().trim().min(1, 'expected a built-in name or ./file.ts#export');

export const SuiteRefSchema = z.object({
  /** A built-in suite (`gauntlet suites`) or a user's `./file.ts#export`. */
  name: RefString,
  /** A user's data file or folder (JSONL, JSONL.gz, tasks.json); else $GAUNTLET_DATA_DIR or the built-in/cached data. */
  data: z.string().optional(),
  /** Suite-specific options (e.g. BBH's subtasks), passed to its loader. */
  options: z.record(z.string(), z.unknown()).optional(),
});
export type SuiteRef = z.infer<typeof SuiteRefSchema>;

export const SolverParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    max_tokens: z.number().int().positive().default(1024),
    seed: z.number().int().optional(),
    system_prompt: z.string().optional(),
  })
  .default({ max_tokens: 1024 });

export const ArmSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'arm names use letters, digits and _ . : -'),
  model: ModelSpecString,
  /** A solver Ref; default: the suite's (baseline for code suites). The `reference` model always runs the reference solver. */
  solver: RefString.optional(),
  params: SolverParamsSchema,
  /** For openai-compatible (and to point any provider at a simulated API). */
  base_url: z.string().url().optional(),
  /** Max concurrent model calls for this arm's provider; adaptive (AIMD) below it. */
  max_concurrency: z.number().int().positive().optional(),
});
export type Arm = z.infer<typeof ArmSchema>;

export const PHASE_KINDS = ['validate', 'mutation', 'benchmark', 'agentic'] as const;

export const PhaseSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'phase names use letters, digits and _ . -'),
  kind: z.enum(PHASE_KINDS),
  suite: SuiteRefSchema,
  arms: z.array(ArmSchema).default([{ name: 'reference', model: 'reference', params: { max_tokens: 1024 } }]),
  /** A scorer Ref; default: the suite's (exec-tests for code suites). */
  scorer: RefString.optional(),
  /** pass@k values reported. */
  k: z.array(z.number().int().positive()).default([1]),
  /** Samples (answers) per task; at least max(k). Defaults to max(k). */
  samples_per_task: z.number().int().positive().optional(),
  /** Only the first N tasks of the suite. */
  samples: z.number().int().positive().optional(),
  /** Only these task ids (after `samples`). */
  sample_ids: z.array(z.string()).optional(),
  /**
   * Units in flight at once in this phase: a batch of offline units (one after the other in one
   * activity) counts once, each unit of a model-bound batch (side by side) counts as one.
   */
  concurrency: z.number().int().positive().default(8),
  /**
   * Most units one activity evaluates. Units that call no rate-limited model (reference, replay,
   * validate) run one after the other, batches sized adaptively to about a second of work;
   * model-bound units run side by side, a few per activity. 1 = one activity per unit.
   */
  max_batch: z.number().int().positive().default(64),
  timeouts: z
    .object({
      /** Sandbox wall clock per sample; default max(4 s, 4x the canonical runtime). */
      sandbox_s: z.number().positive().optional(),
      /** Start-to-close of one unit activity (model call + sandbox). */
      unit_s: z.number().positive().default(300),
      /** Heartbeat timeout of long activities: a lost worker is noticed this fast. */
      heartbeat_s: z.number().positive().default(30),
    })
    .default({ unit_s: 300, heartbeat_s: 30 }),
  /** Agentic phase: per-episode limits over the suite's defaults. */
  episode: z
    .object({ max_turns: z.number().int().positive(), max_total_tokens: z.number().int().positive(), wall_clock_s: z.number().positive() })
    .partial()
    .optional(),
  /** Mutation phase: operators to apply (default all). */
  operators: z.array(z.string()).optional(),
  /** Mutation phase: equivalent mutants to ignore, with reasons (default: the built-in custom suite's file). */
  mutation_ignore: z.string().optional(),
});
export type Phase = z.infer<typeof PhaseSchema>;

export const RetrySchema = z
  .object({
    /** Temporal attempts per unit for transient failures before an `error` row. */
    unit_max_attempts: z.number().int().positive().default(3),
    unit_initial_interval_s: z.number().positive().default(2),
    /** The 3-strike rule. */
    phase_max_attempts: z.number().int().positive().default(3),
    /** Durable wait between phase attempts. */
    strike_delay_s: z.number().nonnegative().default(30),
    /** A phase attempt whose share of error rows exceeds this fails (and counts a strike). */
    error_rate_threshold: z.number().min(0).max(1).default(0.5),
  })
  .default({ unit_max_attempts: 3, unit_initial_interval_s: 2, phase_max_attempts: 3, strike_delay_s: 30, error_rate_threshold: 0.5 });

export const BackoffSchema = z
  .object({
    /** First wait after a rate limit or usage exhaustion (when no retry-after is given). */
    initial_s: z.number().positive().default(5),
    max_s: z.number().positive().default(900),
    multiplier: z.number().min(1).default(2),
    /** Past this total wait on exhaustion the phase ends `exhausted`. */
    max_total_wait_s: z.number().positive().default(6 * 3600),
  })
  .default({ initial_s: 5, max_s: 900, multiplier: 2, max_total_wait_s: 6 * 3600 });

export const RunConfigSchema = z.object({
  run_id: z.string().regex(/^[A-Za-z0-9_.-]+$/).optional(),
  /** Output directory (absolute, or relative to the worker's working directory). */
  output_dir: z.string().optional(),
  /**
   * The store that owns the run's files (results.jsonl, run.json, reports): its activities run on
   * `<task queue>-store@<store>`, served only by workers started with that store name (default:
   * their hostname). Absent (older configs, raw `temporal workflow start`): every activity runs on
   * the run's task queue, as before, which is right only when all workers share one disk.
   */
  store: z.string().regex(/^[A-Za-z0-9_.@:-]+$/, 'a store name is letters, digits and _ . @ : -').optional(),
  phases: z.array(PhaseSchema).min(1, 'a run needs at least one phase'),
  retry: RetrySchema,
  backoff: BackoffSchema,
  budget_usd: z.number().positive().optional(),
  cache: z.boolean().default(true),
  report: z
    .object({ formats: z.array(z.enum(['md', 'json', 'html'])).default(['md', 'json', 'html']) })
    .default({ formats: ['md', 'json', 'html'] }),
});
export type RunConfig = z.infer<typeof RunConfigSchema>;
export type RunConfigInput = z.input<typeof RunConfigSchema>;

/** Resume metadata handed by the client to a new workflow over an existing output directory. */
export const ResumeSchema = z.object({
  resumed: z.literal(true),
  resumed_at: z.string(),
  previous_workflow_id: z.string().optional(),
  /** How the previous workflow ended, as a process would say it (143 terminated, 1 failed, null unknown). */
  previous_crash_exit_code: z.number().int().nullable().default(null),
});

export const RunInputSchema = z.object({
  config: RunConfigSchema,
  resume: ResumeSchema.optional(),
});
export type RunInput = z.infer<typeof RunInputSchema>;

/**
 * Accepts either `{config: {...}}` or a bare run config (what a user writes in run.json for
 * `temporal workflow start --input-file`).
 */
export function normalizeRunInput(raw: unknown): unknown {
  // Any plain object without `config` is a bare run config, so its errors name its own fields.
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && !('config' in raw)) return { config: raw };
  return raw;
}

/** One line per problem: `config.phases[0].arms[1].model: expected ...`. */
export function formatZodError(err: z.ZodError, where: string): string {
  const lines = err.issues.map((i) => {
    const path = i.path.length ? i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') : '(root)';
    return `  - ${path}: ${i.message}`;
  });
  return `invalid ${where}:\n${lines.join('\n')}`;
}

/** Validate and mutation phases measure the canonical solution: their one "arm" is named so. */
export const CANONICAL_ARM_NAME = 'canonical';

/** The arms a phase's rows are recorded under. */
export function phaseArmNames(p: { kind?: string; arms?: readonly { name: string }[] }): string[] {
  return p.kind === undefined || p.kind === 'benchmark' || p.kind === 'agentic' ? (p.arms ?? []).map((a) => a.name) : [CANONICAL_ARM_NAME];
}

export function samplesPerTask(p: Phase): number {
  return p.samples_per_task ?? Math.max(1, ...p.k);
}
