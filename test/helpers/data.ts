import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { HUMANEVAL } from './temporal';

/** The first n HumanEval records as a JSONL file in a temp dir (a test input, never committed). */
export function humanevalSlice(dir: string, n: number, name = 'he.jsonl'): string {
  const lines = gunzipSync(readFileSync(HUMANEVAL)).toString('utf8').split('\n').filter(Boolean).slice(0, n);
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
