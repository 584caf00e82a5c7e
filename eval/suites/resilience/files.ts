import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The suite's data: suites/resilience/ (task text, buggy pipeline, grader, reference and partial fixes). */
export const RESILIENCE_DIR = fileURLToPath(new URL('../../../suites/resilience/', import.meta.url));

export const readResilience = (name: string) => readFileSync(path.join(RESILIENCE_DIR, name), 'utf8');

export interface Partial {
  name: string;
  score: number;
  feedback: string;
  edits: [string, string][];
}

/** A partial fix: reference.py with partials.json's text edits applied (each edit must match, so a reference change cannot silently void one). */
export function partialFix(p: Partial): string {
  let code = readResilience('reference.py');
  for (const [from, to] of p.edits) {
    if (!code.includes(from)) throw new Error(`suites/resilience/partials.json ${p.name}: edit ${JSON.stringify(from)} does not match reference.py; update the partial`);
    code = code.replace(from, to);
  }
  return code;
}

export const partials = (): Partial[] => (JSON.parse(readResilience('partials.json')) as { partials: Partial[] }).partials;
