import { Client, Connection } from '@temporalio/client';
import type { RunProgress } from '../contract/messages';
import type { RunListing, VisibleRun } from '../analysis/list-runs';
import type { TemporalSource } from '../view/temporal-source';
import { liveProgress } from './live-progress';
import { visibleRuns } from './visibility';
import type { TemporalTarget } from './connection';

/**
 * `gauntlet view`'s optional line to Temporal (the TemporalSource the CLI hands the viewer). Everything works without it (pages come from the files);
 * with it the runs list gains Temporal-only runs and the live view gains the `progress` query. An
 * unreachable server is not asked again for COOLDOWN_MS, so pages never wait on a dead address.
 */

const CONNECT_TIMEOUT = '2s';
const COOLDOWN_MS = 30_000;

export class TemporalLink implements TemporalSource {
  private client: Promise<Client> | null = null;
  private downUntil = 0;
  /** Why the last attempt failed, for the pages to say. */
  problem: string | null = null;

  constructor(
    readonly target: TemporalTarget,
  ) {}

  get address(): string {
    return this.target.describe;
  }

  /** A shared client, or null while the server is unreachable. */
  async get(): Promise<Client | null> {
    if (Date.now() < this.downUntil) return null;
    this.client ??= Connection.connect({ ...this.target.options, connectTimeout: CONNECT_TIMEOUT }).then((connection) => new Client({ connection, namespace: this.target.namespace }));
    try {
      const c = await this.client;
      this.problem = null;
      return c;
    } catch (e) {
      this.fail(e);
      return null;
    }
  }

  private fail(e: unknown): void {
    this.client = null;
    this.downUntil = Date.now() + COOLDOWN_MS;
    this.problem = `Temporal at ${this.target.describe} is not reachable (${(e as Error).message}); showing what the run's files say`;
  }

  async visibleRuns(dirs: readonly RunListing[]): Promise<VisibleRun[]> {
    const c = await this.get();
    if (!c) throw new Error(this.problem ?? `Temporal at ${this.target.describe} is not reachable`);
    try {
      return await visibleRuns(c, dirs, this.target.namespace);
    } catch (e) {
      this.fail(e);
      throw e;
    }
  }

  /** The run's `progress` query with live phase counters; null when Temporal or the workflow cannot answer. */
  async progress(workflowId: string): Promise<{ progress: RunProgress | null; problem: string | null }> {
    const c = await this.get();
    if (!c) return { progress: null, problem: this.problem };
    try {
      return { progress: await liveProgress(c, workflowId), problem: null };
    } catch (e) {
      return { progress: null, problem: `the progress query of ${workflowId} did not answer (${(e as Error).message})` };
    }
  }

  async close(): Promise<void> {
    const c = this.client;
    this.client = null;
    if (c) await c.then((x) => x.connection.close(), () => undefined).catch(() => undefined);
  }
}
