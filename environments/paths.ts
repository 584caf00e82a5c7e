import os from 'node:os';
import path from 'node:path';

/**
 * Where environments live: $GAUNTLET_ENV_DIR, else `envs/` in Gauntlet's user cache
 * ($XDG_CACHE_HOME/gauntlet or ~/.cache/gauntlet). Not beside $GAUNTLET_CACHE_DIR: that is the
 * response cache, which tests point at a throw-away directory, and an environment is gigabytes
 * worth keeping.
 */
export function envRoot(): string {
  if (process.env.GAUNTLET_ENV_DIR) return path.resolve(process.env.GAUNTLET_ENV_DIR);
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gauntlet', 'envs');
}

export const envDir = (name: string) => path.join(envRoot(), name);
export const envRecordFile = (name: string) => path.join(envDir(name), 'env.json');
export const envLockFile = (name: string) => path.join(envDir(name), 'lock.txt');
export const envPython = (name: string) => path.join(envDir(name), 'bin', 'python');
/** matplotlib's font cache, built once at create time and read by every sample. */
export const envMplConfig = (name: string) => path.join(envDir(name), 'mplconfig');
