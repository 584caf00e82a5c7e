
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
