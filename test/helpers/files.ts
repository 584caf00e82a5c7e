import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { readResults } from '../../store/results';
import { unitKey } from '../../config/results';

/** All rows, collapsed by unit key, plus the raw duplicate count. */
export async function rowsOf(dir: string) {
  return readResults(path.join(dir, 'results.jsonl'));
}

export function jsonOf<T = any>(dir: string, file: string): T {
  return JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as T;
}

/** Every output file parses (JSON files whole, JSONL line by line except a possibly torn last line). */
export function assertAllFilesParse(dir: string): void {
  for (const f of ['run.json', 'crash_log.json', 'report.json']) {
    if (existsSync(path.join(dir, f))) JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  }
  const lines = readFileSync(path.join(dir, 'results.jsonl'), 'utf8').split('\n').filter(Boolean);
  lines.slice(0, -1).forEach((l) => JSON.parse(l));
}

export function uniqueKeys(rows: { phase: string; task_id: string; arm: string; sample: number }[]): number {
  return new Set(rows.map(unitKey)).size;
}
