import { statSync } from 'node:fs';
import type { Sample, TaskDef } from '../../types';
import { DEFAULT_ENVIRONMENT, loadBigCodeBench } from './load';
import { locateBigCodeBench } from './locate';
import { parseOptions } from './options';

export { knownIssues, KNOWN_ISSUES_FILE, type KnownIssue } from './known-issues';
export { BigCodeBenchOptions } from './options';

const loaded = new Map<string, Promise<Sample[]>>();

function bigcodebenchTaskDef(name: string, hard: boolean, description: string): TaskDef {
  return {
    name,
    description,
    solver: 'baseline',
    scorer: 'unittest',
    sandbox: { environment: DEFAULT_ENVIRONMENT },
    hardenable: true,
    reference: (s) => s.code!.canonical_solution,
    async samples({ data, options }) {
      const o = parseOptions(options, name);
      const files = locateBigCodeBench(name, data, hard);
      // Loaded once per worker and file version and options (a phase asks for its samples per unit).
      const key = JSON.stringify([name, files, statSync(files.data).mtimeMs, o]);
      let p = loaded.get(key);
      if (!p) {
        p = loadBigCodeBench(name, files, hard, o);
        p.catch(() => loaded.delete(key));
        loaded.set(key, p);
      }
      return p;
    },
  };
}

export const bigcodebenchTaskDefs: readonly TaskDef[] = [
  bigcodebenchTaskDef('bigcodebench', false, 'BigCodeBench v0.1.0: 1,140 tasks using 139 libraries, unittest tests; splits complete | instruct, calibrated scoring'),
  bigcodebenchTaskDef('bigcodebench-hard', true, 'BigCodeBench-Hard: the 148 harder, more realistic tasks of BigCodeBench (same splits and scoring)'),
];
