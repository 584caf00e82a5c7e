import { existsSync, promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SuiteDataError, parseRecord, readText } from '../read-data';
import { parseCotPrompt, type FewShot } from './cot-prompt';
import { BBH_SUBTASKS, FREE_FORM_SUBTASKS, type AnswerFormat } from './subtasks';

const ExampleFileSchema = z.object({
  canary: z.string().optional(),
  examples: z.array(z.object({ input: z.string().min(1), target: z.string() })).min(1, 'expected at least one example'),
});

/** The six subtasks whose answer is a fixed word (True/False, Yes/No, valid/invalid). */
const LABEL_SUBTASKS: readonly string[] = ['boolean_expressions', 'causal_judgement', 'formal_fallacies', 'navigate', 'sports_understanding', 'web_of_lies'];

export interface Subtask {
  name: string;
  examples: { input: string; target: string }[];
  fewshot: FewShot;
  format: AnswerFormat;
}

/**
 * The BBH data folder: `--data DIR`, else `$GAUNTLET_DATA_DIR/bbh`. Nothing is shipped or
 * downloaded (the dataset's canary asks that it not be spread around).
 */
export function bbhDataDir(data: string | undefined): string {
  const expected = 'a folder holding <subtask>.json files ({"examples": [{"input", "target"}]}) and cot-prompts/<subtask>.txt';
  if (data) {
    const dir = path.resolve(data);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SuiteDataError(`suite bbh: --data ${dir} is not a directory; expected ${expected}`);
    return dir;
  }
  const env = process.env.GAUNTLET_DATA_DIR;
  if (env && existsSync(path.join(env, 'bbh'))) return path.resolve(env, 'bbh');
  throw new SuiteDataError(
    `suite bbh: no data; pass --data DIR (suite.data in a config) or set GAUNTLET_DATA_DIR to a folder with a bbh/ subfolder${env ? ` (${path.join(env, 'bbh')} does not exist)` : ''}; expected ${expected}`,
  );
}

/** Subtask names present in the folder: the 27 known ones in their order, then any others alphabetically. */
export async function listSubtasks(dir: string): Promise<string[]> {
  const names = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5));
  const known = BBH_SUBTASKS.filter((n) => names.includes(n));
  return [...known, ...names.filter((n) => !(BBH_SUBTASKS as readonly string[]).includes(n)).sort()];
}

// One parse per file version per worker process: a 5,400-unit phase must not re-read 27 files per unit.
const cache = new Map<string, Promise<Subtask>>();

export function loadSubtask(dir: string, name: string): Promise<Subtask> {
  const file = path.join(dir, `${name}.json`);
  const promptFile = path.join(dir, 'cot-prompts', `${name}.txt`);
  for (const f of [file, promptFile]) {
    if (!existsSync(f)) throw new SuiteDataError(`suite bbh: ${f} does not exist; the data folder ${dir} needs ${name}.json and cot-prompts/${name}.txt for subtask ${name}`);
  }
  const key = `${file}:${statSync(file).mtimeMs}:${statSync(promptFile).mtimeMs}`;
  let p = cache.get(key);
  if (!p) {
    p = readSubtask(file, promptFile, name);
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

async function readSubtask(file: string, promptFile: string, name: string): Promise<Subtask> {
  let json: unknown;
  try {
    json = JSON.parse(await readText(file));
  } catch (e) {
    if (e instanceof SuiteDataError) throw e;
    throw new SuiteDataError(`${file}: not valid JSON (${(e as Error).message}); expected {"examples": [{"input": "...", "target": "..."}]}`);
  }
  const { examples } = parseRecord(ExampleFileSchema, json, file, 'the file');
  const fewshot = parseCotPrompt(await readText(promptFile), promptFile);
  return { name, examples, fewshot, format: answerFormat(name, examples[0]!.input) };
}

function answerFormat(name: string, firstInput: string): AnswerFormat {
  if (FREE_FORM_SUBTASKS.includes(name)) return 'free';
  if (LABEL_SUBTASKS.includes(name)) return 'label';
  if ((BBH_SUBTASKS as readonly string[]).includes(name)) return 'choice';
  // A user's own subtask: options in the input make it multiple choice, else a value.
  return parseChoices(firstInput) ? 'choice' : 'free';
}

/** The "Options:" block of a multiple-choice input: letter -> option text; undefined when there is none. */
export function parseChoices(input: string): Record<string, string> | undefined {
  const at = input.lastIndexOf('Options:');
  if (at < 0) return undefined;
  const out: Record<string, string> = {};
  for (const line of input.slice(at + 'Options:'.length).split('\n')) {
    const m = /^\s*\(([A-Z])\)\s*(.*?)\s*$/.exec(line);
    if (m) out[m[1]!] = m[2]!;
  }
  return Object.keys(out).length ? out : undefined;
}
