import v8 from 'node:v8';
import { Runtime } from '@temporalio/worker';
import { workerLog } from '../workers/worker-log';
import { CliError } from './errors';

export interface WorkerRuntimeOptions {
  /** host:port to serve Temporal's worker metrics on, in Prometheus text at /metrics (`--metrics`). */
  metrics?: string;
}

/**
 * The SDK Runtime of a worker process, installed once before any connection (the Runtime is
 * process-wide and fixed at the first connection, so the logger and the metrics exporter go in
 * together). Workers log at WARN unless asked (GAUNTLET_LOG_LEVEL=INFO|DEBUG): the CLI's own lines
 * are the story, and expected failures (rate limits, exhaustion...) are one line each, aggregated
 * per interval (workers/worker-log.ts).
 */
export function installWorkerRuntime(o: WorkerRuntimeOptions = {}): void {
  favourMemoryOverSpeed();
  Runtime.install({
    logger: workerLog.logger((process.env.GAUNTLET_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
    ...(o.metrics ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBindAddress(o.metrics) } } } } : {}),
  });
}

/**
 * V8 sizes heaps for speed: with memory to spare it grows a heap up to ~4x what survived the last
 * full GC before the next one, and a worker's workflow thread makes much short-lived garbage
 * (decoded payloads, rows on their way to recordRows, the SDK's stack trace of every workflow
 * promise). A 20,000-unit phase peaked at 409–460 MB RSS. A fixed growing factor of 1.25 keeps the
 * heaps near what is live: 320 MB, for ~15% more worker-node CPU in GC (a few percent of a
 * reference run's wall; `--optimize-for-size` reached 270 MB but cost +40% worker CPU through its
 * JIT settings). Measured in bench/scale.ts and bench/orchestration.ts. Set before the SDK starts
 * its workflow thread; V8 reads the factor at each GC. Override with GAUNTLET_WORKER_V8_FLAGS
 * (space-separated V8 flags, empty for V8's defaults).
 */
function favourMemoryOverSpeed(): void {
  const flags = process.env.GAUNTLET_WORKER_V8_FLAGS ?? WORKER_V8_FLAGS;
  for (const f of flags.split(/\s+/).filter(Boolean)) v8.setFlagsFromString(f);
}
const WORKER_V8_FLAGS = '--heap-growing-percent=25';

/** `--metrics PORT` or `--metrics HOST:PORT` (127.0.0.1 unless a host is given: metrics are not for the world). */
export function metricsBindAddress(v: string): string {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(v.trim());
  if (!m || Number(m[2]) > 65535) throw new CliError(`--metrics expects HOST:PORT or PORT (e.g. 127.0.0.1:9464), got "${v}"`);
  return `${m[1] ?? '127.0.0.1'}:${m[2]}`;
}
