import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { z } from 'zod';
import { RunRecordSchema, type RunRecord } from '../config/run-record';
import { formatZodError } from '../config/run-config';
import { readResults, type ReadResults } from '../store/results';
import { readJsonOr } from '../store/atomic';
import { AnalysisError } from './errors';
import { defaultRunsRoot } from '../store/run-record';

/** How runs are named on the command line: an output directory, or a run id under a runs root. */

export const RUN_FILE = 'run.json';
export const RESULTS_FILE = 'results.jsonl';

export { defaultRunsRoot };

export interface ResolvedRun {
  /** Absolute output directory of the run. */
  dir: string;
  via: 'path' | 'run_id';
}

/**
 * `ref` is a run's output directory (or its results.jsonl / run.json), else a run id: first the
 * directory `<runsRoot>/<ref>`, then every `<runsRoot>/*\/run.json` (or the results meta line when
 * a directory has no run.json yet), by run_id, else by workflow_id. The error lists everything
 * that was tried.
 */
export async function resolveRun(ref: string, opts: { runsRoot?: string } = {}): Promise<ResolvedRun> {
  const tried: string[] = [];
  const asPath = path.resolve(ref);
  const st = await fs.stat(asPath).catch(() => null);
  if (st?.isFile() && [RUN_FILE, RESULTS_FILE].includes(path.basename(asPath))) return { dir: path.dirname(asPath), via: 'path' };
  if (st?.isDirectory()) {
    if (await hasRunFiles(asPath)) return { dir: asPath, via: 'path' };
    tried.push(`as a directory: ${asPath} exists but holds neither ${RESULTS_FILE} nor ${RUN_FILE}`);
  } else if (st) {
    tried.push(`as a path: ${asPath} is a file, not a run's output directory`);
  } else {
    tried.push(`as a directory: ${asPath} does not exist`);
  }

  const root = path.resolve(opts.runsRoot ?? defaultRunsRoot());
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => null);
  if (!entries) {
    tried.push(`as a run id: the runs root ${root} does not exist`);
  } else {
    const byName = path.join(root, ref);
    if (!ref.includes('/') && !ref.includes(path.sep) && (await hasRunFiles(byName))) return { dir: byName, via: 'run_id' };
    const matches: string[] = [];
    const known: string[] = [];
    const byWorkflow: string[] = [];
    // Workflow ids `gauntlet run` makes: gauntlet-<run id>, gauntlet-<run id>-resume-<n>.
    const fromWorkflowId = /^gauntlet-./.test(ref) ? ref.replace(/^gauntlet-/, '').replace(/-resume-\d+$/, '') : null;
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const dir = path.join(root, e.name);
      const ids = await readRunIds(dir);
      if (ids === null) continue;
      known.push(ids.run_id);
      if (ids.run_id === ref) matches.push(dir);
      else if (ids.workflow_id === ref || ids.run_id === fromWorkflowId) byWorkflow.push(dir);
    }
    // A workflow id (`gauntlet-<run id>`, as `gauntlet run` prints it) names the run too.
    if (matches.length === 0) matches.push(...byWorkflow);
    if (matches.length === 1) return { dir: matches[0]!, via: 'run_id' };
    if (matches.length > 1) {
      throw new AnalysisError(`run id "${ref}" is ambiguous under ${root}: ${matches.join(', ')} all hold it; name the output directory instead`);
    }
    const hint = known.length ? `known run ids: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ` ... (${known.length} in all)` : ''}` : 'it holds no run directories';
    tried.push(`as a run id: no ${root}/*/${RUN_FILE} has run_id "${ref}" or that workflow_id (${hint})`);
  }
  throw new AnalysisError(
    `cannot find run "${ref}". Tried:\n${tried.map((t) => `  - ${t}`).join('\n')}\n` +
      `Pass a run's output directory, or a run id together with --runs-dir DIR (or GAUNTLET_RUNS_DIR) naming the folder that holds run directories.`,
  );
}

async function hasRunFiles(dir: string): Promise<boolean> {
  for (const f of [RESULTS_FILE, RUN_FILE]) {
    if (await fs.stat(path.join(dir, f)).then((s) => s.isFile(), () => false)) return true;
  }
  return false;
}

/** The run id (and workflow id) stored in a directory: run.json's, else the results meta line's; null if neither is readable. */
async function readRunIds(dir: string): Promise<{ run_id: string; workflow_id?: string } | null> {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const rec = await readJsonOr<unknown>(path.join(dir, RUN_FILE), null).catch(() => null);
  if (rec && typeof rec === 'object') {
    const r = rec as { run_id?: unknown; workflow_id?: unknown };
    const run_id = str(r.run_id);
    if (run_id !== undefined) return { run_id, workflow_id: str(r.workflow_id) };
  }
  const first = await firstLine(path.join(dir, RESULTS_FILE));
  if (!first) return null;
  try {
    const meta = (JSON.parse(first) as { meta?: { run_id?: unknown; workflow_id?: unknown } }).meta;
    const run_id = str(meta?.run_id);
    return run_id !== undefined ? { run_id, workflow_id: str(meta?.workflow_id) } : null;
  } catch {
    return null;
  }
}

async function firstLine(file: string): Promise<string | null> {
  try {
    await fs.access(file);
  } catch {
    return null;
  }
  const rl = readline.createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  try {
    for await (const line of rl) if (line.trim()) return line;
    return null;
  } finally {
    rl.close();
  }
}

/** A phase as planned in the run config (kind, suite, arm names), read loosely: only what analysis needs. */
export interface PlannedPhase {
  name: string;
  kind?: string;
  suite?: string;
  arms: string[];
}

export interface LoadedRun {
  dir: string;
  run_id: string;
  record: RunRecord | null;
  results: ReadResults;
  plan: PlannedPhase[];
}

export async function loadRun(dir: string): Promise<LoadedRun> {
  const runFile = path.join(dir, RUN_FILE);
  const raw = await readJsonOr<unknown>(runFile, null).catch((e: Error) => {
    throw new AnalysisError(e.message);
  });
  let record: RunRecord | null = null;
  if (raw !== null) {
    const parsed = RunRecordSchema.safeParse(raw);
    if (!parsed.success) throw new AnalysisError(`${formatZodError(parsed.error, runFile)}\nrun.json is written by the workflow; restore it or remove it to analyse results.jsonl alone`);
    record = parsed.data;
  }
  const results = await readResults(path.join(dir, RESULTS_FILE));
  const run_id = record?.run_id ?? results.meta?.run_id ?? results.rows[0]?.run_id ?? path.basename(dir);
  return { dir, run_id, record, results, plan: readPlan(record, results) };
}

const LoosePlan = z.object({
  phases: z.array(
    z.object({
      name: z.string(),
      kind: z.string().optional(),
      suite: z.object({ name: z.string() }).optional(),
      arms: z.array(z.object({ name: z.string() })).optional(),
    }),
  ),
});

/** Phases from the config stored in run.json (or the results meta line), which is a RunConfig or a `{config}` run input. */
export function readPlan(record: RunRecord | null, results: Pick<ReadResults, 'meta'>): PlannedPhase[] {
  for (const cfg of [record?.config, results.meta?.config]) {
    const inner = cfg && typeof cfg === 'object' && 'config' in cfg ? (cfg as { config: unknown }).config : cfg;
    const p = LoosePlan.safeParse(inner);
    if (p.success) {
      return p.data.phases.map((ph) => ({ name: ph.name, kind: ph.kind, suite: ph.suite?.name, arms: (ph.arms ?? []).map((a) => a.name) }));
    }
  }
  return (record?.phases ?? []).map((ph) => ({ name: ph.name, kind: ph.kind, arms: [] }));
}

/** Resolves and loads in one step: what every command does with a run argument. */
export async function openRun(ref: string, opts: { runsRoot?: string } = {}): Promise<LoadedRun> {
  return loadRun((await resolveRun(ref, opts)).dir);
}
