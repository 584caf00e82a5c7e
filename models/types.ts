import type { Arm } from '../config/run-config';
import type { Task } from '../config/task';

/** What a solver hands back for one sample. */
export interface Generation {
  /** The raw model answer (for completion-style tasks: the continuation of the prompt). */
  answer: string;
  /** The program to test, or null when none could be extracted (then `reason` says why). */
  program: string | null;
  reason?: 'no_code' | 'syntax_error';
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  /** True when the answer came from the response cache (no API call, cost_usd 0). */
  cached: boolean;
  /** True when the model has no entry in the price table: cost_usd is 0 but not really free. */
  unpriced?: boolean;
  /** The provider's stop reason (`end_turn`, `max_tokens`, `stop`, `length`...), when there was a call. */
  stop_reason?: string;
}

export interface GenerateRequest {
  task: Task;
  arm: Arm;
  sampleIndex: number;
  useCache: boolean;
  /** Per-request HTTP timeout; default $GAUNTLET_MODEL_TIMEOUT_MS or 120 s. Expiry is `transient`. */
  timeoutMs?: number;
  /** Aborts the call (pass the activity's cancellation signal). */
  signal?: AbortSignal;
}

/** Failure classes of a model call (DESIGN.md / issue 5). Answers are never errors. */
export type ModelFailureClass = 'rate_limited' | 'exhausted' | 'transient' | 'fatal';

export class ModelCallError extends Error {
  constructor(
    readonly failureClass: ModelFailureClass,
    message: string,
    readonly provider: string,
    readonly retryAfterMs?: number,
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = 'ModelCallError';
  }
}
