import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

export interface FoundPython {
  python: string;
  version: string;
  /** The interpreter has the major.minor the pins target. */
  matched: boolean;
  how: string;
}

function versionOf(python: string): string | null {
  try {
    return execFileSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

const byVersionDesc = (a: string, b: string) => b.localeCompare(a, undefined, { numeric: true });

/** pyenv's installed versions matching `want` ("3.10" -> 3.10.13), newest patch first. */
function pyenvCandidates(want: string): string[] {
  const roots = [process.env.PYENV_ROOT, path.join(os.homedir(), '.pyenv')].filter((r): r is string => !!r);
  const out: string[] = [];
  for (const root of roots) {
    const dir = path.join(root, 'versions');
    if (!existsSync(dir)) continue;
    for (const v of readdirSync(dir).filter((v) => v === want || v.startsWith(`${want}.`)).sort(byVersionDesc)) out.push(path.join(dir, v, 'bin', 'python3'));
  }
  return out;
}

/**
 * The interpreter to build an environment with: $GAUNTLET_ENV_PYTHON if set, else a pyenv
 * version with the wanted major.minor, else `python<major.minor>` on PATH; failing all of them,
 * `python3` (then `matched` is false and the caller resolves newer pins).
 */
export function findPython(want: string): FoundPython {
  const explicit = process.env.GAUNTLET_ENV_PYTHON;
  if (explicit) {
    const v = versionOf(explicit);
    if (!v) throw new Error(`GAUNTLET_ENV_PYTHON=${explicit} does not run; point it at a Python ${want} interpreter or unset it`);
    return { python: explicit, version: v, matched: v === want || v.startsWith(`${want}.`), how: '$GAUNTLET_ENV_PYTHON' };
  }
  for (const [p, how] of [...pyenvCandidates(want).map((p) => [p, 'pyenv'] as const), [`python${want}`, 'PATH'] as const]) {
    const v = versionOf(p);
    if (v && (v === want || v.startsWith(`${want}.`))) return { python: p, version: v, matched: true, how };
  }
  const v = versionOf('python3');
  if (!v) throw new Error(`no Python found: install Python ${want} (e.g. \`pyenv install ${want}\`) or set GAUNTLET_ENV_PYTHON`);
  return { python: 'python3', version: v, matched: false, how: 'python3 on PATH (no Python ' + want + ' found)' };
}
