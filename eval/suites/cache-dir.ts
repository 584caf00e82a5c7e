import os from 'node:os';
import path from 'node:path';

/** Gauntlet's per-user cache: downloaded datasets and derived data (e.g. EvalPlus expected outputs). */
export function cacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gauntlet');
}
