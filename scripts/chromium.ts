import { spawnSync } from 'node:child_process';
import { findChromium } from '../test/helpers/browser';

/**
 * The browser the UI tests drive is Debian's `chromium` package: Playwright's own browser
 * download cannot work on machines that reach only package registries. Installs it with apt-get
 * when it is missing and apt-get is there (as root); otherwise says what to do. Never fatal: only
 * the browser tests need it, and they say why they skip.
 */
export function ensureChromium(log: (s: string) => void = (s) => console.error(s)): string | null {
  const found = findChromium();
  if (found) {
    log(`chromium: ${found}`);
    return found;
  }
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!hasApt || !isRoot) {
    log(`chromium: not found, and ${hasApt ? 'not root' : 'no apt-get'} to install it; the browser tests of gauntlet view will skip. Install chromium (Debian: apt-get install chromium) or set GAUNTLET_CHROMIUM`);
    return null;
  }
  log('chromium: not found; installing the Debian package with apt-get (for the browser tests of gauntlet view)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      log(`chromium: apt-get ${args.join(' ')} failed (exit ${r.status}); the browser tests will skip`);
      return null;
    }
  }
  const now = findChromium();
  log(now ? `chromium: installed ${now}` : 'chromium: apt-get finished but no chromium binary was found; the browser tests will skip');
  return now;
}
