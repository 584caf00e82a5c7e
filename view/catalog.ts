import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listRunsFromDirs, mergeRunListings, type MergedRun, type VisibleRun } from '../analysis/list-runs';
import { resolveRun } from '../analysis/runs';
import { RunData } from './run-data';
import type { TemporalSource } from './temporal-source';

/**
 * The runs the viewer can show: the directories under the runs root, merged with Temporal
 * visibility as `gauntlet runs` does, and one RunData (with its row index) per opened run, kept
 * for the life of the server. Runs are named in URLs by run id (or directory name) only, never by
 * a path, so a page cannot be made to read outside the runs root and the runs Temporal knows.
 */

const LIST_TTL_MS = 3000;

export class ViewError extends Error {
  constructor(
    message: string,
    readonly status = 404,
  ) {
    super(message);
  }
}

export class RunCatalog {
  private readonly open = new Map<string, RunData>();
  /** Output directories of Temporal-only runs (outside the root), from the last listing. */
  private readonly elsewhere = new Map<string, string>();
  private listing: { at: number; runs: Promise<{ runs: MergedRun[]; temporal_problem: string | null }> } | null = null;

  constructor(
    readonly runsRoot: string,
    readonly temporal: TemporalSource | null,
  ) {}

  list(): Promise<{ runs: MergedRun[]; temporal_problem: string | null }> {
    if (this.listing && Date.now() - this.listing.at < LIST_TTL_MS) return this.listing.runs;
    const runs = (async () => {
      const dirs = await listRunsFromDirs(this.runsRoot);
      let visible: VisibleRun[] = [];
      let temporal_problem: string | null = null;
      if (this.temporal) {
        try {
          visible = await this.temporal.visibleRuns(dirs);
        } catch (e) {
          temporal_problem = `Temporal at ${this.temporal.address} is not reachable (${(e as Error).message}); listing the run directories only`;
        }
      }
      const list = mergeRunListings(dirs, visible);
      for (const r of list) if (r.source === 'temporal' && r.output_dir) this.elsewhere.set(r.run_id, r.output_dir);
      return { runs: list, temporal_problem };
    })();
    this.listing = { at: Date.now(), runs };
    runs.catch(() => (this.listing = null));
    return runs;
  }

  /** The run a URL names, read up to now. */
  async get(ref: string): Promise<RunData> {
    const dir = await this.dirOf(ref);
    let data = this.open.get(dir);
    if (!data) this.open.set(dir, (data = new RunData(dir)));
    await data.refresh();
    return data;
  }

  private async dirOf(ref: string): Promise<string> {
    if (!ref || ref.includes('/') || ref.includes('\\') || ref === '.' || ref === '..') throw new ViewError(`"${ref}" is not a run id: runs are named by their id or their directory under ${this.runsRoot}`, 400);
    const direct = path.join(this.runsRoot, ref);
    if (await isRunDir(direct)) return direct;
    const other = this.elsewhere.get(ref);
    if (other && (await isRunDir(other))) return other;
    try {
      // A run id inside run.json that differs from its directory name.
      const { dir } = await resolveRun(ref, { runsRoot: this.runsRoot });
      if (path.dirname(dir) === path.resolve(this.runsRoot)) return dir;
    } catch {
      // falls through to the error below
    }
    throw new ViewError(`no run "${ref}" under ${this.runsRoot}${other ? ` nor in ${other}` : ''}: the runs list shows the runs this viewer knows`);
  }
}

async function isRunDir(dir: string): Promise<boolean> {
  for (const f of ['run.json', 'results.jsonl']) if (await fs.stat(path.join(dir, f)).then((s) => s.isFile(), () => false)) return true;
  return false;
}
