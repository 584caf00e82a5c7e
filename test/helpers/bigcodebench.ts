import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environmentRuntime } from '../../environments';
import { resolveSuite } from '../../eval/registry';
import { SHARED_DATASETS } from './datasets';

export const BCB_DATA = path.join(SHARED_DATASETS, 'bigcodebench');
export const MINI_HARD = path.resolve(import.meta.dirname, '../../suites/bigcodebench/mini-hard.json');
export const miniHardIds = (): string[] => JSON.parse(readFileSync(MINI_HARD, 'utf8')).sample_ids;

/**
 * The mini subset's tasks whose every library imports in `environment` (CI builds
 * bigcodebench-ci, which lacks tensorflow, librosa, ...): what a CI run of the mini subset can
 * run. The environment must be built (npm run setup builds bigcodebench-ci).
 */
export async function runnableMiniIds(environment: string): Promise<{ ids: string[]; missing: Record<string, string[]> }> {
  const rt = environmentRuntime(environment);
  const samples = await (await resolveSuite('bigcodebench-hard')).samples({ data: BCB_DATA });
  const mini = new Set(miniHardIds());
  const chosen = samples.filter((s) => mini.has(s.id));
  const libs = [...new Set(chosen.flatMap((s) => s.metadata.libs as string[]))];
  const probe = 'import importlib.util, json, sys\nprint(json.dumps([m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]))';
  const absent = new Set<string>(JSON.parse(execFileSync(rt.python, ['-c', probe, ...libs], { encoding: 'utf8' })));
  const missing: Record<string, string[]> = {};
  const ids: string[] = [];
  for (const s of chosen) {
    const gone = (s.metadata.libs as string[]).filter((l) => absent.has(l));
    if (gone.length) missing[s.id] = gone;
    else ids.push(s.id);
  }
  return { ids, missing };
}
