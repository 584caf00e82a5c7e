import type { Task } from '../config/task';
import type { Arm } from '../config/run-config';
import type { ChatMessage, ChatRequest, ToolCall } from '../models/chat';
import type { Sandbox } from '../sandbox';

/**
 * The evaluation core's protocol, in Inspect AI's vocabulary: a task is a dataset of samples, a
 * solver that turns a sample's state into an output using the `generate` it is handed, and a
 * scorer that turns the final state into a score. Nothing here knows Temporal: activities adapt
 * it (activities/run-unit.ts), tests and benches can call it directly.
 */

export interface SampleMetadata {
  /** The breakdown reports group by: custom suite category, BBH subtask, BigCodeBench domain. */
  category?: string;
  [key: string]: unknown;
}

/** Where a sample's code runs; suites that need a library environment name it here. */
export interface SandboxSpec {
  environment?: string;
}

export interface Sample {
  id: string;
  /** What the model is asked (the prompt text; solvers may build richer messages from it). */
  input: string;
  /** The expected answer, when there is one (BBH's target). */
  target?: string;
  metadata: SampleMetadata;
  /** Code tasks: prompt, entry point, canonical solution and tests (what exec-tests and hardening need). */
  code?: Task;
  sandbox?: SandboxSpec;
}

export interface Usage {
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  /** Model calls made (cache hits included). */
  calls: number;
  /** Every call was answered by the response cache. */
  cached: boolean;
  /** Some model had no price: cost_usd is a lower bound. */
  unpriced?: boolean;
}

export interface SolverOutput {
  /** The final answer text (the last assistant message, or what a solver chose). */
  completion: string;
  stop_reason?: string;
  /** The tool calls of the last model turn, when it made any (answer them with tool_result parts). */
  tool_calls?: ToolCall[];
  /**
   * Code solvers may set the program to test (null = none could be extracted; `reason` says why).
   * When undefined, a code scorer extracts it from `completion` itself.
   */
  program?: string | null;
  reason?: string;
}

export interface TaskState {
  sample: Sample;
  /** Which of the samples-per-task this is (pass@k draws), 0-based. */
  epoch: number;
  messages: ChatMessage[];
  output: SolverOutput;
  usage: Usage;
  /** Free-form state a solver leaves for its scorer (Inspect's `store`). */
  store: Record<string, unknown>;
}

/** Per-call overrides of the arm's parameters. */
export type GenerateOptions = Partial<Pick<ChatRequest, 'system' | 'max_tokens' | 'temperature' | 'seed' | 'tools' | 'tool_choice'>>;

/**
 * Calls the arm's model on `state.messages`, appends the reply and sets `state.output`. It
 * carries the response cache, cost, failure classes and the per-provider rate-limit gates: a
 * solver that only calls the model through it gets all of them for free. Rate limits and quota
 * errors are thrown (the run waits and retries the unit); they never become a wrong answer.
 */
export type Generate = (state: TaskState, opts?: GenerateOptions) => Promise<TaskState>;

export interface SolverEnv {
  arm: Arm;
  sandbox: () => Sandbox;
  /** Keep a long solver alive (the activity's heartbeat). */
  heartbeat: (details?: unknown) => void;
  signal?: AbortSignal;
}

export type Solver = (state: TaskState, generate: Generate, env: SolverEnv) => Promise<TaskState>;

/**
 * A scored answer. `failed` is a wrong answer (it counts in pass rates); infrastructure faults
 * are thrown instead and end as `error` rows after retries. Partial credit lives in `value`.
 */
export interface Score {
  status: 'passed' | 'failed';
  /** 0..1 */
  value: number;
  /** The answer the scorer judged (e.g. the extracted option). */
  answer?: string;
  /** Short machine-readable failure class: timeout, AssertionError, no_code, no_answer... */
  reason?: string;
  /** Human-readable detail (a stderr tail, what was expected). */
  explanation?: string;
  metadata?: Record<string, unknown>;
}

export interface ScorerEnv {
  sandbox: () => Sandbox;
  /** The sandbox wall clock for a code sample: the phase's, the task's, or measured from its canonical solution. */
  sandboxTimeoutMs: (task: Task) => Promise<number>;
  heartbeat: (details?: unknown) => void;
}

export type Scorer = (state: TaskState, env: ScorerEnv) => Promise<Score>;

export interface LoadOptions {
  /** The user's data file or folder; else the suite's default location. */
  data?: string;
  /** Suite-specific options (e.g. BBH subtasks), from the phase's `suite.options`. */
  options?: Record<string, unknown>;
  /** Slow first loads (expected outputs) report here, so an activity can heartbeat. */
  onProgress?: (detail?: string) => void;
}

/** A task definition: samples in a deterministic order, with the solver, scorer and sandbox they need by default. */
export interface TaskDef {
  name: string;
  description: string;
  samples: (opts: LoadOptions) => Promise<Sample[]>;
  /** Default solver and scorer (Refs: built-in names or ./file.ts#export). */
  solver: string;
  scorer: string;
  sandbox?: SandboxSpec;
  /** The answer a perfect model would give (the `reference` solver's output); undefined = none. */
  reference?: (sample: Sample) => string;
  /** Validate and mutation phases need code samples with canonical solutions and tests. */
  hardenable: boolean;
  /** Agentic suites: the tools an episode offers and its default limits (eval/agentic). */
  agentic?: AgenticSpec;
}

/** Per-episode limits; hitting one without a submission is `failed` (turn_limit / no_submission). */
export interface EpisodeLimits {
  max_turns: number;
  max_total_tokens: number;
  wall_clock_s: number;
}

export interface AgenticSpec {
  /** Tool Refs: built-ins (python_expression, submit_code) or ./file.ts#export. */
  tools: string[];
  limits: EpisodeLimits;
  system?: string;
}
