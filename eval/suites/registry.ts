import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '../../config/task';
import { loadCustom } from './custom';
import type { ExpectedOptions } from './evalplus-expected';
import { loadHumanEval } from './humaneval';
import { loadHumanEvalPlus } from './humanevalplus';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built-in code suites (loaders of task files with canonical solutions and tests). */
export const CODE_SUITE_NAMES = ['humaneval', 'humanevalplus', 'custom'] as const;
export type CodeSuiteName = (typeof CODE_SUITE_NAMES)[number];
export interface CodeSuiteRef {
  name: CodeSuiteName;
  data?: string;
}

export function isCodeSuiteName(name: string): name is CodeSuiteName {
  return (CODE_SUITE_NAMES as readonly string[]).includes(name);
}

export type LoadOptions = ExpectedOptions;

export interface SuiteInfo {
  name: CodeSuiteName;
  description: string;
  /** File names looked for in $GAUNTLET_DATA_DIR and the user cache. */
  files: string[];
  /** Where the official file can be fetched when online. */
  url?: string;
  /** Data shipped with the project. */
  builtin?: string;
  /** True when a first load does slow work (the describe command then only counts records). */
  slowFirstLoad?: boolean;
  load: (file: string, opts?: LoadOptions) => Promise<Task[]>;
}

export const SUITES: Record<CodeSuiteName, SuiteInfo> = {
  humaneval: {
    name: 'humaneval',
    description: 'OpenAI HumanEval: 164 Python function-completion problems',
    files: ['HumanEval.jsonl.gz', 'HumanEval.jsonl', 'humaneval/HumanEval.jsonl.gz'],
    url: 'https://github.com/openai/human-eval/raw/master/data/HumanEval.jsonl.gz',
    load: loadHumanEval,
  },
  humanevalplus: {
    name: 'humanevalplus',
    description: 'EvalPlus HumanEval+ v0.1.10: HumanEval plus base/plus inputs checked against the canonical outputs',
    files: ['HumanEvalPlus-v0.1.10.jsonl.gz', 'HumanEvalPlus.jsonl.gz', 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz'],
    url: 'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz',
    slowFirstLoad: true,
    load: loadHumanEvalPlus,
  },
  custom: {
    name: 'custom',
    description: "Gauntlet's built-in suite: 100 tasks in ALGO, DATA, API, TEST, BUG (or your tasks.json via --data)",
    files: ['tasks.json'],
    builtin: path.join(PROJECT_ROOT, 'suites/custom/tasks.json'),
    load: loadCustom,
  },
};

