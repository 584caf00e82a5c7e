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

// The library environment the tests run BigCodeBench tasks in (a subset of BigCodeBench's pins,
// no tensorflow): built once under ~/.cache/gauntlet/envs (pip's cache makes a rebuild fast), a
// no-op when it is up to date. GAUNTLET_SKIP_ENVS=1 skips it.
if (!process.env.GAUNTLET_SKIP_ENVS) {
  const { createEnvironment } = await import('../environments');
  const t0 = Date.now();
  const r = await createEnvironment('bigcodebench-ci', { log: (l) => console.error(`  ${l}`) });
  console.error(`environment bigcodebench-ci: ${r.upToDate ? 'up to date' : `built in ${((Date.now() - t0) / 1000).toFixed(0)} s`} (Python ${r.record.python_version})${r.record.pins_moved.length ? `; pins moved: ${r.record.pins_moved.join(', ')}` : ''}`);
}
