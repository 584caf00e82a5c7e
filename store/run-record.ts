import path from 'node:path';
import { CrashLogSchema, RunRecordSchema, type CrashEvent, type RunRecord } from '../config/run-record';
import { readJsonOr, writeJsonAtomic } from './atomic';

export const FILES = {
  runRecord: 'run.json',
  results: 'results.jsonl',
  crashLog: 'crash_log.json',
  log: 'benchmark.log',
  progress: 'progress.html',
} as const;

export const outPath = (dir: string, f: keyof typeof FILES) => path.join(dir, FILES[f]);

/** Where runs live by default: $GAUNTLET_RUNS_DIR or ./runs. */
export function defaultRunsRoot(): string {
  return path.resolve(process.env.GAUNTLET_RUNS_DIR || 'runs');
}

/** A run's output directory: the one given, else <runs root>/<run id>; absolute. */
export function resolveOutputDir(outputDir: string | undefined, runId: string): string {
  return path.resolve(outputDir ?? path.join(defaultRunsRoot(), runId));
}

/** Serialises read-modify-write of one file within this process (activities run concurrently). */
const locks = new Map<string, Promise<unknown>>();
export async function withFileLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const prev = locks.get(file) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  locks.set(file, next.catch(() => undefined));
  return next;
}

export async function readRunRecord(dir: string): Promise<RunRecord | null> {
  const raw = await readJsonOr<unknown>(outPath(dir, 'runRecord'), null);
  if (raw === null) return null;
  const r = RunRecordSchema.safeParse(raw);
  if (!r.success) throw new Error(`${outPath(dir, 'runRecord')} does not look like a Gauntlet run record: ${r.error.issues[0]?.path.join('.')}: ${r.error.issues[0]?.message}`);
  return r.data;
}

export async function updateRunRecord(dir: string, fn: (r: RunRecord) => void): Promise<RunRecord> {
  const file = outPath(dir, 'runRecord');
  return withFileLock(file, async () => {
    const r = await readRunRecord(dir);
    if (!r) throw new Error(`${file} is missing: the run was not prepared (prepareRun writes it)`);
    fn(r);
    r.updated_at = new Date().toISOString();
    await writeJsonAtomic(file, r);
    return r;
  });
}

export async function readCrashLog(dir: string): Promise<CrashEvent[]> {
  const raw = await readJsonOr<unknown>(outPath(dir, 'crashLog'), []);
  const r = CrashLogSchema.safeParse(raw);
  return r.success ? r.data : [];
}

export async function appendCrash(dir: string, ev: CrashEvent): Promise<void> {
  const file = outPath(dir, 'crashLog');
  await withFileLock(file, async () => {
    const log = await readCrashLog(dir);
    log.push(ev);
    await writeJsonAtomic(file, log);
  });
}
