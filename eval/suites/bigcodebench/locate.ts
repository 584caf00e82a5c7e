import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SuiteDataError } from '../read-data';

export interface BigCodeBenchFiles {
  /** The tasks (JSONL or JSONL.gz, Hugging Face layout). */
  data: string;
  /** hard_task_ids.json beside it, when there is one. */
  hardIds?: string;
  /** task2domain.json / lib2domain.json beside it, when there are they. */
  task2domain?: string;
  lib2domain?: string;
}

/** File names of the full set, most specific first (the shared folder's, then the official release's). */
const FULL_NAMES = ['BigCodeBench-v0.1.0_hf.jsonl.gz', 'BigCodeBench.jsonl.gz', 'BigCodeBench.jsonl'];
const HARD_FILE = /^BigCodeBench-Hard.*\.jsonl(\.gz)?$/;

function inFolder(dir: string, hard: boolean): string | undefined {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const full = FULL_NAMES.find((n) => names.includes(n));
  // Hard: the full file cut by hard_task_ids.json is the reference; a Hard-only file otherwise.
  if (hard && !(full && names.includes('hard_task_ids.json'))) {
    const h = names.filter((n) => HARD_FILE.test(n)).sort()[0];
    if (h) return path.join(dir, h);
  }
  return full ? path.join(dir, full) : undefined;
}

/**
 * --data (a .jsonl[.gz] or a folder holding one), else $GAUNTLET_DATA_DIR/bigcodebench, else
 * $GAUNTLET_DATA_DIR itself. Gauntlet ships no BigCodeBench data, and nothing is downloaded.
 */
export function locateBigCodeBench(suite: string, data: string | undefined, hard: boolean): BigCodeBenchFiles {
  let file: string | undefined;
  if (data) {
    const p = path.resolve(data);
    if (!existsSync(p)) throw new SuiteDataError(`suite ${suite}: --data ${p} does not exist; pass BigCodeBench's .jsonl.gz (Hugging Face layout) or the folder holding it`);
    file = statSync(p).isDirectory() ? inFolder(p, hard) : p;
    if (!file) throw new SuiteDataError(`suite ${suite}: folder ${p} holds none of ${FULL_NAMES.join(', ')}${hard ? ' or BigCodeBench-Hard*.jsonl[.gz]' : ''}`);
  } else {
    const root = process.env.GAUNTLET_DATA_DIR;
    if (root) file = inFolder(path.join(root, 'bigcodebench'), hard) ?? inFolder(root, hard);
    if (!file) {
      throw new SuiteDataError(
        `suite ${suite}: no data found${root ? ` in $GAUNTLET_DATA_DIR/bigcodebench (${path.join(root, 'bigcodebench')}) or $GAUNTLET_DATA_DIR` : ' ($GAUNTLET_DATA_DIR is not set)'}; ` +
          `pass --data /path/to/BigCodeBench.jsonl.gz (or its folder, with hard_task_ids.json and task2domain.json beside it) or set GAUNTLET_DATA_DIR to a folder holding bigcodebench/`,
      );
    }
  }
  const dir = path.dirname(file);
  const beside = (n: string) => (existsSync(path.join(dir, n)) ? path.join(dir, n) : undefined);
  return { data: file, hardIds: beside('hard_task_ids.json'), task2domain: beside('task2domain.json'), lib2domain: beside('lib2domain.json') };
}
