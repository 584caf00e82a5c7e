import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CodeSuiteRef } from './registry';
import { writeFileAtomic } from '../../store/atomic';
import { cacheDir } from './cache-dir';
import { SuiteDataError } from './read-data';
import { SUITES, type SuiteInfo } from './registry';

/** Where a suite's data comes from right now, without downloading anything. */
export type Located =
  | { origin: 'data' | 'GAUNTLET_DATA_DIR' | 'builtin' | 'cache'; file: string }
  | { origin: 'download'; file: undefined; url: string; dest: string }
  | { origin: 'missing'; file: undefined };

/** The user cache's copy of downloaded datasets. */
export const datasetsCacheDir = () => path.join(cacheDir(), 'datasets');

/** --data PATH, else $GAUNTLET_DATA_DIR, else the built-in file, else the user cache, else a download. */
export function locateSuiteFile(ref: CodeSuiteRef): Located {
  const info: SuiteInfo = SUITES[ref.name];
  if (ref.data) {
    const p = path.resolve(ref.data);
    if (!existsSync(p)) throw new SuiteDataError(`suite ${ref.name}: data file ${p} does not exist (given as --data / suite.data); pass the path of a ${info.files[0]}`);
    return { origin: 'data', file: p };
  }
  const inDir = (dir: string | undefined) => (dir ? info.files.map((f) => path.join(dir, f)).find((p) => existsSync(p)) : undefined);
  const fromEnv = inDir(process.env.GAUNTLET_DATA_DIR);
  if (fromEnv) return { origin: 'GAUNTLET_DATA_DIR', file: fromEnv };
  if (info.builtin && existsSync(info.builtin)) return { origin: 'builtin', file: info.builtin };
  const fromCache = inDir(datasetsCacheDir());
  if (fromCache) return { origin: 'cache', file: fromCache };
  if (info.url) return { origin: 'download', file: undefined, url: info.url, dest: path.join(datasetsCacheDir(), info.files[0]!) };
  return { origin: 'missing', file: undefined };
}

/** The data file for a suite, downloading the official one into the user cache if nothing is local. */
export async function resolveSuiteFile(ref: CodeSuiteRef): Promise<string> {
  const loc = locateSuiteFile(ref);
  if (loc.origin !== 'download' && loc.origin !== 'missing') return loc.file;
  const info = SUITES[ref.name];
  if (loc.origin === 'missing') {
    throw new SuiteDataError(`suite ${ref.name}: no data found; pass --data /path/to/${info.files[0]} or set GAUNTLET_DATA_DIR to a folder holding it`);
  }
  return download(info, loc.url, loc.dest);
}

async function download(info: SuiteInfo, url: string, dest: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    await writeFileAtomic(dest, Buffer.from(await res.arrayBuffer()));
    return dest;
  } catch (e) {
    throw new SuiteDataError(
      `suite ${info.name}: no local data and the download from ${url} failed (${(e as Error).message}). ` +
        `Offline? Pass --data /path/to/${info.files[0]} or set GAUNTLET_DATA_DIR to a folder holding it.`,
    );
  }
}
