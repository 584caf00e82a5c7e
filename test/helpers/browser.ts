import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * The browser the UI tests drive: Debian's `chromium` package (`npm run setup` installs it with
 * apt-get), never a browser build downloaded by Playwright. $GAUNTLET_CHROMIUM names another one.
 */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/snap/bin/chromium'];

export function findChromium(): string | null {
  const env = process.env.GAUNTLET_CHROMIUM;
  if (env) return existsSync(env) ? env : null;
  return CANDIDATES.find((c) => existsSync(c)) ?? null;
}

export const NO_CHROMIUM =
  'browser tests skipped: no chromium found (looked at $GAUNTLET_CHROMIUM, ' + CANDIDATES.join(', ') + '). `npm run setup` installs it with apt-get where it can; else install chromium and set GAUNTLET_CHROMIUM';

export function launchChromium(executablePath: string): Promise<Browser> {
  // --no-sandbox: the tests run as root in CI, where Chromium refuses its own sandbox.
  return chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Where a test keeps its screenshots for a reviewer: test-output/<name>/ at the repo root. */
export function testOutputDir(name: string): string {
  return path.resolve(import.meta.dirname, '../../test-output', name);
}
