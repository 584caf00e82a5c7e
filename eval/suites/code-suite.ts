import { statSync } from 'node:fs';
import type { Task } from '../../config/task';
import type { Sample, TaskDef } from '../types';
import { resolveSuiteFile } from './locate';
import { SUITES, type CodeSuiteName } from './registry';

/** A code task as a sample: the prompt is its input, the canonical solution its target. */
export function sampleFromTask(task: Task): Sample {
  return {
    id: task.task_id,
    input: task.prompt,
    target: task.canonical_solution,
    metadata: task.category ? { category: task.category } : {},
    code: task,
  };
}

/**
 * Suites are loaded once per worker process and file version (a 20,000-unit phase must not parse
 * its suite 20,000 times); a failed load is not cached.
 */
const loaded = new Map<string, Promise<Sample[]>>();

/** A built-in code suite as a task definition: the baseline code solver and exec-tests. */
export function codeTaskDef(name: CodeSuiteName): TaskDef {
  const info = SUITES[name];
  return {
    name,
    description: info.description,
    solver: 'baseline',
    scorer: 'exec-tests',
    hardenable: true,
    reference: (s) => s.code!.canonical_solution,
    async samples({ data, options, onProgress }) {
      const file = await resolveSuiteFile({ name, ...(data ? { data } : {}) });
      const key = `${name}:${file}:${statSync(file).mtimeMs}:${JSON.stringify(options ?? {})}`;
      let p = loaded.get(key);
      if (!p) {
        p = info.load(file, { onProgress, ...(options && { options }) }).then((tasks) => tasks.map(sampleFromTask));
        p.catch(() => loaded.delete(key));
        loaded.set(key, p);
      }
      return p;
    },
  };
}
