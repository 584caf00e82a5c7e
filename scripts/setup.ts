/** `npm run setup`: everything beyond npm packages that Gauntlet needs on this machine. */
import { spawnSync } from 'node:child_process';
import { ensureTemporalCli } from '../workers/temporal-cli';
import { ensureChromium } from './chromium';

await ensureTemporalCli();
const py = spawnSync(process.env.GAUNTLET_PYTHON ?? 'python3', ['-c', 'import sys; assert sys.version_info >= (3, 9), sys.version; print(sys.version.split()[0])'], { encoding: 'utf8' });
if (py.status !== 0) {
  console.error(`python3 (3.9 or newer) is needed to run candidate code: ${py.stderr || py.error?.message}. Install it or set GAUNTLET_PYTHON.`);
  process.exit(1);
}
console.error(`python: ${py.stdout.trim()}`);
ensureChromium();
