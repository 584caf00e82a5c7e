import { promises as fs } from 'node:fs';
import path from 'node:path';
import { AnalysisError } from './errors';
import { RESULTS_FILE, RUN_FILE } from './runs';
import { summarizeRun } from './summary';

/** A run found on disk, for `gauntlet runs` (the CLI merges these with Temporal visibility). */
export interface RunListing {
  run_id: string;
  output_dir: string;
  suites: string[];
  arms: string[];
  state: string;
  pass_rates: { phase: string; arm: string; pass_rate: number | null; passed: number; failed: number; errors: number }[];
  started?: string;
  /** Set when the directory could not be read; the listing goes on with the other runs. */
  problem?: string;
}

/** Every direct subdirectory of runsRoot holding run.json or results.jsonl, newest first. A missing root lists nothing. */
export async function listRunsFromDirs(runsRoot: string): Promise<RunListing[]> {
  const root = path.resolve(runsRoot);
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const out: RunListing[] = [];
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const dir = path.join(root, e.name);
    const files = await fs.readdir(dir).catch(() => [] as string[]);
    if (!files.includes(RUN_FILE) && !files.includes(RESULTS_FILE)) continue;
    try {
      const s = await summarizeRun(dir);
      out.push({
        run_id: s.run_id,
        output_dir: dir,
        suites: s.suites,
        arms: s.arms,
        state: s.state,
        pass_rates: s.pass_rates.map(({ phase, arm, pass_rate, passed, failed, errors }) => ({ phase, arm, pass_rate, passed, failed, errors })),
        started: s.started_at,
      });
    } catch (err) {
      if (!(err instanceof AnalysisError)) throw err;
      out.push({ run_id: e.name, output_dir: dir, suites: [], arms: [], state: 'unreadable', pass_rates: [], problem: err.message });
    }
  }
  return out.sort((a, b) => (b.started ?? '').localeCompare(a.started ?? '') || a.run_id.localeCompare(b.run_id));
}
