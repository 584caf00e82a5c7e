import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteRef } from '../../config/run-config';
import type { Task } from '../../config/task';
import { loadCustom } from './custom';
import { loadHumanEval } from './humaneval';
import { SuiteDataError } from './read-data';

export { SuiteDataError } from './read-data';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SuiteInfo {
  name: SuiteRef['name'];
  description: string;
  /** File names looked for in $GAUNTLET_DATA_DIR and the user cache. */
  files: string[];
  /** Where the official file can be fetched when online. */
  url?: string;
  builtin?: string;
  load: (file: string) => Promise<Task[]>;
}

export const SUITES: Record<SuiteRef['name'], SuiteInfo> = {
  humaneval: {
    name: 'humaneval',
    description: 'OpenAI HumanEval: 164 Python function-completion problems',
    files: ['HumanEval.jsonl.gz', 'HumanEval.jsonl', 'humaneval/HumanEval.jsonl.gz'],
    url: 'https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz',
    load: loadHumanEval,
  },
  humanevalplus: {
    name: 'humanevalplus',
    description: 'EvalPlus HumanEval+: HumanEval with many more test inputs',
    files: ['HumanEvalPlus-v0.1.10.jsonl.gz', 'HumanEvalPlus.jsonl.gz', 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz'],
    url: 'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz',
    load: async () => {
      throw new SuiteDataError('the humanevalplus loader is not available yet');
    },
  },
  custom: {
    name: 'custom',
    description: "Gauntlet's built-in suite: 100 tasks in ALGO, DATA, API, TEST, BUG (or your tasks.json via --data)",
    files: ['tasks.json'],
    builtin: path.join(PROJECT_ROOT, 'suites/custom/tasks.json'),
    load: loadCustom,
  },
};

export function cacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'gauntlet');
}

/** --data PATH, else $GAUNTLET_DATA_DIR, else the built-in file, else the user cache (downloaded when online). */
export async function resolveSuiteFile(ref: SuiteRef): Promise<string> {
  const info = SUITES[ref.name];
  if (ref.data) {
    const p = path.resolve(ref.data);
    if (!existsSync(p)) throw new SuiteDataError(`suite ${ref.name}: data file ${p} does not exist (given as --data / suite.data)`);
    return p;
  }
  const dirs = [process.env.GAUNTLET_DATA_DIR, path.join(cacheDir(), 'datasets')].filter((d): d is string => !!d);
  if (info.builtin && !process.env.GAUNTLET_DATA_DIR) return info.builtin;
  for (const d of dirs) for (const f of info.files) if (existsSync(path.join(d, f))) return path.join(d, f);
  if (info.builtin) return info.builtin;
  if (!info.url) throw new SuiteDataError(`suite ${ref.name}: no data found; pass --data PATH`);
  return download(info, path.join(cacheDir(), 'datasets', info.files[0]!));
}

async function download(info: SuiteInfo, dest: string): Promise<string> {
  const { writeFileAtomic } = await import('../store/atomic');
  try {
    const res = await fetch(info.url!, { signal: AbortSignal.timeout(60_000) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const buf = Buffer.from(await res.arrayBuffer());
    await writeFileAtomic(dest, buf);
    return dest;
  } catch (e) {
    throw new SuiteDataError(
      `suite ${info.name}: no local data and the download from ${info.url} failed (${(e as Error).message}). ` +
        `Offline? Pass --data /path/to/${info.files[0]} or set GAUNTLET_DATA_DIR to a folder holding it.`,
    );
  }
}

/** Loads a suite in its deterministic order. */
export async function loadSuite(ref: SuiteRef): Promise<{ file: string; tasks: Task[] }> {
  const file = await resolveSuiteFile(ref);
  return { file, tasks: await SUITES[ref.name].load(file) };
}
