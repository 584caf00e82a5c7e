import { createHash } from 'node:crypto';
import { promises as fs, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { z } from 'zod';
import { writeFileAtomic } from '../../store/atomic';
import { cacheDir } from './cache-dir';
import { SuiteDataError } from './read-data';

/**
 * EvalPlus stores inputs but not expected outputs: they come from running the canonical solution.
 * We compute them once per data file, at load time, in a Python process that runs only the
 * dataset's own code (a candidate never shares a process with the reference), and cache them under
 * `<cache>/evalplus/<sha256 of the data file>-<flavour>-<sha of the generator>.json`, with the
 * canonical solution's CPU time on each input (the per-input time limits come from it, see
 * evalplus-limits.ts: measured once, not under each run's load). Inputs and outputs are
 * kept as Python literal source made by Python (the data holds ints beyond 2**53, and outputs
 * may be tuples or sets), ready to embed into each task's test code.
 * First computation of HumanEval+ v0.1.10: ~70-90 s on 2 cores; later loads read the cache.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const GENERATOR = path.join(HERE, 'evalplus_expected.py');
export const ORACLE = path.join(HERE, 'evalplus_oracle.py');
const MBPP_INPUTS = path.join(HERE, 'evalplus_mbpp_inputs.py');

/** Which EvalPlus dataset a file holds: it decides input conversions and special oracles. */
export type EvalPlusFlavour = 'humaneval' | 'mbpp';

/** Bound on the first computation; a canonical solution that loops forever ends here. */
const TIMEOUT_MS = 30 * 60_000;

const TaskExpected = z.object({
  base_input: z.string(),
  base_expected: z.string(),
  plus_input: z.string(),
  plus_expected: z.string(),
  /** CPU seconds the canonical solution took on each input, in input order. */
  base_time: z.array(z.number().nonnegative()),
  plus_time: z.array(z.number().nonnegative()),
  /** Seconds the canonical solution took over all inputs (informational). */
  seconds: z.number(),
});
export type TaskExpected = z.infer<typeof TaskExpected>;
const ExpectedFile = z.object({ tasks: z.record(z.string(), TaskExpected) });

export interface ExpectedOptions {
  /** Default humaneval. */
  flavour?: EvalPlusFlavour;
  /** Called with each task id as the first computation reaches it (e.g. to heartbeat an activity). */
  onProgress?: (taskId: string) => void;
}

const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

/** The cache file for a data file's contents and flavour; the generator's and oracle's sources are in the key. */
export async function expectedCacheFile(dataFile: string, flavour: EvalPlusFlavour = 'humaneval'): Promise<string> {
  const [data, code] = await Promise.all([fs.readFile(dataFile), Promise.all([GENERATOR, ORACLE, MBPP_INPUTS].map((f) => fs.readFile(f)))]);
  return path.join(cacheDir(), 'evalplus', `${sha256(data)}-${flavour}-${sha256(Buffer.concat(code)).slice(0, 12)}.json`);
}

/** Concurrent loads of one file in this process share one computation. */
const inFlight = new Map<string, Promise<Record<string, TaskExpected>>>();

/**
 * Expected outputs for every task of an EvalPlus file (which the caller has already validated).
 * `lineOf` maps task ids to file lines, so that an error names the record.
 */
export async function evalplusExpected(dataFile: string, lineOf: Map<string, number>, opts: ExpectedOptions = {}): Promise<Record<string, TaskExpected>> {
  const cache = await expectedCacheFile(dataFile, opts.flavour);
  const cached = await readCache(cache);
  if (cached && [...lineOf.keys()].every((id) => id in cached)) return cached;
  let p = inFlight.get(cache);
  if (!p) {
    p = compute(dataFile, cache, lineOf, opts).finally(() => inFlight.delete(cache));
    inFlight.set(cache, p);
  }
  return p;
}

async function readCache(file: string): Promise<Record<string, TaskExpected> | undefined> {
  try {
    const r = ExpectedFile.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return r.success ? r.data.tasks : undefined; // a damaged cache is recomputed, not an error
  } catch {
    return undefined;
  }
}

async function compute(dataFile: string, cache: string, lineOf: Map<string, number>, opts: ExpectedOptions): Promise<Record<string, TaskExpected>> {
  const python = process.env.GAUNTLET_PYTHON ?? 'python3';
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-evalplus-'));
  const out = path.join(tmp, 'expected.json');
  let last = '';
  try {
    const proc = execa(python, [GENERATOR, dataFile, out, opts.flavour ?? 'humaneval'], { timeout: TIMEOUT_MS, reject: false, killSignal: 'SIGKILL', stdin: 'ignore' });
    let partial = '';
    proc.stderr?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n');
      partial = lines.pop() ?? '';
      // the generator names each task as it starts it; other stderr lines (a traceback) are not ids
      for (const id of lines.filter((l) => lineOf.has(l))) {
        last = id;
        opts.onProgress?.(id);
      }
    });
    const r = await proc;
    const where = (id: string) => `${dataFile}, line ${lineOf.get(id) ?? '?'} (task_id ${JSON.stringify(id)})`;
    if (r.timedOut) {
      throw new SuiteDataError(`${where(last)}: computing the expected outputs took over ${TIMEOUT_MS / 60_000} min; does canonical_solution terminate on every base_input/plus_input?`);
    }
    if (r.exitCode === 2) {
      const e = JSON.parse(String(r.stdout).trim().split('\n').pop() ?? '{}') as { task_id?: string; message?: string };
      throw new SuiteDataError(`${where(e.task_id ?? last)}: ${e.message}; the canonical solution must run on every input to give the expected outputs`);
    }
    if (r.exitCode !== 0) {
      throw new SuiteDataError(`${dataFile}: computing EvalPlus expected outputs with ${python} failed (${r.failed && r.exitCode === undefined ? r.shortMessage : `exit ${r.exitCode}`}, last task ${last || 'none'}): ${String(r.stderr).slice(-500)}; set GAUNTLET_PYTHON to a Python 3.9+ interpreter`);
    }
    const text = await fs.readFile(out, 'utf8');
    const parsed = ExpectedFile.parse(JSON.parse(text));
    await writeFileAtomic(cache, text);
    return parsed.tasks;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
