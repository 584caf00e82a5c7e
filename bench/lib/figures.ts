import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './procs';

export const LATEST = path.join(ROOT, 'bench/results/latest.json');

/** Machine context printed beside every figure: these benches share 2 cores with other work. */
export function machine() {
  return { cores: os.availableParallelism(), loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100), node: process.version, at: new Date().toISOString() };
}

/** Merges one bench's figures into bench/results/latest.json (other benches' entries are kept). */
export function saveFigures(bench: string, figures: Record<string, unknown>): void {
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(LATEST, 'utf8')) as Record<string, unknown>;
  } catch {
    // first bench, or an unreadable file: start over
  }
  all[bench] = { ...figures, machine: machine() };
  mkdirSync(path.dirname(LATEST), { recursive: true });
  writeFileSync(LATEST, JSON.stringify(all, null, 2) + '\n');
}
