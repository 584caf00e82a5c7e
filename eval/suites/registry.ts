import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '../../config/task';
import { loadCustom } from './custom';
import type { ExpectedOptions } from './evalplus-expected';
import { loadHumanEval } from './humaneval';
import { loadHumanEvalPlus } from './humanevalplus';
import { loadMbppPlus } from './mbppplus';
import { evalplusSuiteOptions } from './evalplus-options';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The built-in code suites (loaders of task files with canonical solutions and tests). */
export const CODE_SUITE_NAMES = ['humaneval', 'humanevalplus', 'mbppplus', 'custom'] as const;
export type CodeSuiteName = (typeof CODE_SUITE_NAMES)[number];
export interface CodeSuiteRef {
  name: CodeSuiteName;
  data?: string;
}

export function isCodeSuiteName(name: string): name is CodeSuiteName {
  return (CODE_SUITE_NAMES as readonly string[]).includes(name);
}

export interface LoadOptions extends Pick<ExpectedOptions, 'onProgress'> {
  /** The phase's `suite.options`, checked by the suite's loader. */
  options?: Record<string, unknown>;
}

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
    description:
      'EvalPlus HumanEval+ v0.1.10 as EvalPlus 0.3.1 scores it: base + plus inputs against the canonical outputs, per-input CPU limits, 4 GB (option original_check: HumanEval\'s check too)',
    files: ['HumanEvalPlus-v0.1.10.jsonl.gz', 'HumanEvalPlus.jsonl.gz', 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz'],
    url: 'https://github.com/evalplus/humanevalplus_release/releases/download/v0.1.10/HumanEvalPlus.jsonl.gz',
    slowFirstLoad: true,
    load: (file, opts = {}) => loadHumanEvalPlus(file, { ...evalplusSuiteOptions('humanevalplus', opts.options), ...opts }),
  },
  mbppplus: {
    name: 'mbppplus',
    description:
      'EvalPlus MBPP+ v0.2.0 (378 tasks) as EvalPlus 0.3.1 scores it: base + plus inputs, special oracles, per-input CPU limits, 4 GB (option original_check: MBPP\'s asserts too)',
    files: ['MbppPlus-v0.2.0.jsonl.gz', 'MbppPlus.jsonl.gz', 'evalplus/MbppPlus-v0.2.0.jsonl.gz'],
    url: 'https://github.com/evalplus/mbppplus_release/releases/download/v0.2.0/MbppPlus.jsonl.gz',
    slowFirstLoad: true,
    load: (file, opts = {}) => loadMbppPlus(file, { ...evalplusSuiteOptions('mbppplus', opts.options), ...opts }),
  },
  custom: {
    name: 'custom',
    description: "Gauntlet's built-in suite: 100 tasks in ALGO, DATA, API, TEST, BUG (or your tasks.json via --data)",
    files: ['tasks.json'],
    builtin: path.join(PROJECT_ROOT, 'suites/custom/tasks.json'),
    load: loadCustom,
  },
};

