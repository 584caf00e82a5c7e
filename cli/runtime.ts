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
  Runtime.install({
    logger: workerLog.logger((process.env.GAUNTLET_LOG_LEVEL as 'WARN' | undefined) ?? 'WARN'),
    ...(o.metrics ? { telemetryOptions: { metrics: { prometheus: { bindAddress: metricsBindAddress(o.metrics) } } } } : {}),
  });
}

/** `--metrics PORT` or `--metrics HOST:PORT` (127.0.0.1 unless a host is given: metrics are not for the world). */
export function metricsBindAddress(v: string): string {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(v.trim());
  if (!m || Number(m[2]) > 65535) throw new CliError(`--metrics expects HOST:PORT or PORT (e.g. 127.0.0.1:9464), got "${v}"`);
  return `${m[1] ?? '127.0.0.1'}:${m[2]}`;
}
