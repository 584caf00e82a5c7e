import type { ResultRow } from '../config/results';

/**
 * Rows handed back by unit activities, on their way to the store (recordRows on the store queue).
 * At most one recordRows is in flight: rows that arrive meanwhile form the next call, so recording
 * batches itself under load and costs one activity per unit only when units are rare.
 */
export class RowRecorder {
  private readonly pending: ResultRow[] = [];
  private inFlight = 0;
  private failure: unknown = null;

  constructor(
    private readonly record: (rows: ResultRow[]) => Promise<unknown>,
    private readonly onSettled: () => void,
    /** Rows held before dispatch stops: bounds the work done while the store's machine is away. */
    private readonly maxHeld = MAX_HELD_ROWS,
  ) {}

  add(row: ResultRow): void {
    this.pending.push(row);
    this.flush();
  }

  /** Nothing waiting and nothing in flight. */
  idle(): boolean {
    return this.pending.length === 0 && this.inFlight === 0;
  }

  full(): boolean {
    return this.pending.length + this.inFlight >= this.maxHeld;
  }

  /** A recordRows whose retries ran out fails the phase attempt (a strike): its rows were not written. */
  throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private flush(): void {
    if (this.inFlight > 0 || this.pending.length === 0 || this.failure !== null) return;
    const rows = this.takeCall();
    this.inFlight = rows.length;
    this.record(rows)
      .catch((err: unknown) => {
        this.failure = err;
      })
      .finally(() => {
        this.inFlight = 0;
        this.flush();
        this.onSettled();
      });
  }

  /** The next call's rows: all pending ones up to CALL_BYTES of JSON (a payload far below Temporal's 2 MB limit). */
  private takeCall(): ResultRow[] {
    let bytes = 0;
    let n = 0;
    while (n < this.pending.length) {
      bytes += JSON.stringify(this.pending[n]).length;
      if (n > 0 && bytes > CALL_BYTES) break;
      n++;
    }
    return this.pending.splice(0, n);
  }
}

const CALL_BYTES = 256 * 1024;
/**
 * A phase keeps evaluating while its store is unreachable only until this many rows wait: enough
 * for a store worker's restart, few enough that the history and the workflow's memory stay small.
 */
export const MAX_HELD_ROWS = 1000;
