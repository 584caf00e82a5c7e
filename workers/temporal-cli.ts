import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Temporal CLI version we build or download when none is installed. */
export const TEMPORAL_CLI_VERSION = '1.5.1';

export function gauntletCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gauntlet');
}

function cachedBinary(): string {
  return path.join(gauntletCacheDir(), 'bin', process.platform === 'win32' ? 'temporal.exe' : 'temporal');
}

function onPath(name: string): string | null {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [name], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim().split('\n')[0]! : null;
}

/** Where the CLI is now, without installing anything. */
export function findTemporalCli(): { path: string; route: string } | null {
  if (process.env.TEMPORAL_CLI) {
    if (!existsSync(process.env.TEMPORAL_CLI)) throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} does not exist; unset it or point it at a temporal binary`);
    return { path: process.env.TEMPORAL_CLI, route: '$TEMPORAL_CLI' };
  }
  const p = onPath('temporal');
  if (p) return { path: p, route: 'temporal on PATH' };
  if (existsSync(cachedBinary())) return { path: cachedBinary(), route: `cached in ${path.dirname(cachedBinary())}` };
  return null;
}

/**
 * Finds or installs the Temporal CLI: $TEMPORAL_CLI, `temporal` on PATH, our cache, else
 * `go install` into the cache when Go is present, else the official release archive.
 * A second call does nothing but find it.
 */
export async function ensureTemporalCli(log: (s: string) => void = (s) => process.stderr.write(s + '\n')): Promise<string> {
  const found = findTemporalCli();
  if (found) {
    log(`temporal CLI: ${found.path} (${found.route})`);
    return found.path;
  }
  const dest = cachedBinary();
  mkdirSync(path.dirname(dest), { recursive: true });
  if (onPath('go')) {
    log(`temporal CLI: not found; building v${TEMPORAL_CLI_VERSION} with \`go install\` into ${path.dirname(dest)} (a few minutes, once)…`);
    const r = spawnSync('go', ['install', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: path.dirname(dest), GOFLAGS: '-mod=mod' },
    });
    if (r.status === 0 && existsSync(dest)) {
      log(`temporal CLI: built ${dest}`);
      return dest;
    }
    log(`temporal CLI: go install failed (exit ${r.status}); trying the release archive`);
  }
  await downloadRelease(dest, log);
  return dest;
}

async function downloadRelease(dest: string, log: (s: string) => void): Promise<void> {
  const arch = { x64: 'amd64', arm64: 'arm64' }[process.arch as string];
  const plat = { linux: 'linux', darwin: 'darwin' }[process.platform as string];
  if (!arch || !plat) throw new Error(`no Temporal CLI release for ${process.platform}/${process.arch}; install it yourself and set TEMPORAL_CLI`);
  const url = `https://github.com/temporalio/cli/releases/download/v${TEMPORAL_CLI_VERSION}/temporal_cli_${TEMPORAL_CLI_VERSION}_${plat}_${arch}.tar.gz`;
  log(`temporal CLI: downloading ${url}`);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(120_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const tgz = path.join(path.dirname(dest), 'temporal.tar.gz');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(tgz, Buffer.from(await res.arrayBuffer()));
    execFileSync('tar', ['-xzf', tgz, '-C', path.dirname(dest), 'temporal']);
    log(`temporal CLI: installed ${dest}`);
  } catch (e) {
    throw new Error(
      `could not install the Temporal CLI (${(e as Error).message}). Fix: install Go (then \`npm run setup\` builds it), ` +
        `or install \`temporal\` from https://docs.temporal.io/cli and put it on PATH, or set TEMPORAL_CLI=/path/to/temporal`,
    );
  }
}
