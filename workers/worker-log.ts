import { formatWithOptions } from 'node:util';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, type LogEntry, type LogLevel } from '@temporalio/worker';
import { FAILURE } from '../contract/phase';

/** Failure types we raise on purpose: rate limits, exhaustion, classified API and input errors. */
const EXPECTED_TYPES = new Set<string>(Object.values(FAILURE));
/** Expected failures of one type are said once per interval, then counted. */
export const AGGREGATE_INTERVAL_MS = 10_000;
const MESSAGE_CHARS = 200;
/** SDK warnings that describe our design, not a fault: activity-only workers (capability queues) register no workflows. */
const BY_DESIGN = new Set(['No workflows registered, not polling for workflow tasks']);

type Write = (line: string) => void;

/**
 * The worker's log sink (the SDK's DefaultLogger with our log function). An activity that fails
 * with one of our own failure types (contract/phase.ts FAILURE) is an expected outcome: one line,
 * without a stack, and further ones of the same type within AGGREGATE_INTERVAL_MS become a single
 * "N more" line. Everything else, real bugs included, is logged in full as the SDK would.
 */
export class WorkerLog {
  private readonly windows = new Map<string, { more: number; last: string; activity: string; timer: NodeJS.Timeout }>();

  constructor(
    private readonly write: Write = (s) => process.stderr.write(s),
    private readonly intervalMs = AGGREGATE_INTERVAL_MS,
  ) {}

  logger(level: LogLevel): DefaultLogger {
    return new DefaultLogger(level, (e) => this.entry(e));
  }

  entry(e: LogEntry): void {
    if (BY_DESIGN.has(e.message)) return;
    const failure = expectedFailure(e);
    if (!failure) return this.full(e);
    const activity = String(e.meta?.activityType ?? 'activity');
    const key = `${activity}\u0000${failure.type}`;
    const text = firstLine(failure.message);
    const open = this.windows.get(key);
    if (open) {
      open.more++;
      open.last = text;
      return;
    }
    this.line(e, `${activity} ${failure.type} (attempt ${e.meta?.attempt ?? '?'}): ${text}`);
    const timer = setTimeout(() => this.close(key), this.intervalMs);
    timer.unref();
    this.windows.set(key, { more: 0, last: text, activity, timer });
  }

  /** Says what the open intervals counted (at shutdown, so no count is lost). */
  flush(): void {
    for (const key of [...this.windows.keys()]) this.close(key);
  }

  private close(key: string): void {
    const w = this.windows.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    this.windows.delete(key);
    const type = key.split('\u0000')[1];
    if (w.more > 0) this.write(`${new Date().toISOString()} [WARN] ${w.activity} ${type}: ${w.more} more in the last ${this.intervalMs / 1000} s; last: ${w.last}\n`);
  }

  private line(e: LogEntry, text: string): void {
    this.write(`${timestamp(e)} [${e.level}] ${text}\n`);
  }

  private full(e: LogEntry): void {
    const meta = e.meta === undefined ? '' : ` ${formatWithOptions({ colors: false }, e.meta)}`;
    this.write(`${timestamp(e)} [${e.level}] ${e.message}${meta}\n`);
  }
}

function expectedFailure(e: LogEntry): ApplicationFailure | null {
  if (e.message !== 'Activity failed') return null;
  const err = e.meta?.error;
  return err instanceof ApplicationFailure && err.type && EXPECTED_TYPES.has(err.type) ? err : null;
}

function firstLine(s: string): string {
  const line = s.split('\n')[0] ?? '';
  return line.length > MESSAGE_CHARS ? `${line.slice(0, MESSAGE_CHARS)}…` : line;
}

function timestamp(e: LogEntry): string {
  return new Date(Number(e.timestampNanos / 1_000_000n)).toISOString();
}

/** The process's worker log (installed by the commands that run a worker, flushed at shutdown). */
export const workerLog = new WorkerLog();
