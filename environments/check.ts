import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { envLockFile } from './paths';
import { parsePins } from './pins';
import { environmentProblem } from './ready';
import { readRecord } from './record';
import { environmentSpec } from './registry';
import type { EnvironmentRecord } from './types';

export interface EnvironmentCheck {
  name: string;
  ok: boolean;
  problems: string[];
  record: EnvironmentRecord | null;
  /** Preload modules that import (with the time each took, ms) and those that do not. */
  imports: { module: string; ok: boolean; ms: number; error?: string }[];
  /** Installed now vs the lock written at create time: `name: locked -> now`. */
  drift: string[];
}

const PROBE = `
import importlib, json, sys, time
out = []
for m in sys.argv[1:]:
    t = time.perf_counter()
    try:
        importlib.import_module(m)
        out.append({"module": m, "ok": True, "ms": round((time.perf_counter() - t) * 1000, 1)})
    except BaseException as e:
        out.append({"module": m, "ok": False, "ms": round((time.perf_counter() - t) * 1000, 1), "error": f"{type(e).__name__}: {e}"[:300]})
print(json.dumps(out))
`;

/** `gauntlet env check`: built and current, every preload module imports, and nothing drifted from the lock. */
export async function checkEnvironment(name: string): Promise<EnvironmentCheck> {
  const spec = environmentSpec(name);
  const problem = environmentProblem(name);
  const record = readRecord(name);
  if (problem || !record) return { name, ok: false, problems: [problem ?? 'not built'], record, imports: [], drift: [] };
  const problems: string[] = [];
  const env = { ...spec.sampleEnv, MPLCONFIGDIR: '/nonexistent-gauntlet-mplconfig' };
  const probe = await execa(record.python, ['-c', PROBE, ...spec.preload], { reject: false, env, extendEnv: false, timeout: 300_000 });
  let imports: EnvironmentCheck['imports'] = [];
  try {
    imports = JSON.parse(String(probe.stdout).trim().split('\n').pop() ?? '[]');
  } catch {
    problems.push(`the import probe did not run: ${String(probe.stderr).slice(-500)}`);
  }
  const broken = imports.filter((i) => !i.ok);
  if (broken.length) problems.push(`${broken.length} preloaded module(s) do not import: ${broken.map((i) => i.module).join(', ')}`);
  const freeze = await execa(record.python, ['-m', 'pip', 'freeze', '--all'], { reject: false });
  const locked = parsePins(readFileSync(envLockFile(name), 'utf8'));
  const now = parsePins(String(freeze.stdout));
  const drift: string[] = [];
  for (const [k, v] of locked) if (now.get(k)?.version !== v.version) drift.push(`${v.name}: ${v.version} -> ${now.get(k)?.version ?? 'removed'}`);
  for (const [k, v] of now) if (!locked.has(k)) drift.push(`${v.name}: (not locked) -> ${v.version}`);
  if (drift.length) problems.push(`${drift.length} package(s) differ from the lock written at create time`);
  return { name, ok: problems.length === 0, problems, record, imports, drift };
}
