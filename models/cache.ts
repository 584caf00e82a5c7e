import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeJsonAtomic } from '../store/atomic';
import type { ChatRequest, ChatResult } from './chat';

/**
 * Response cache: a repeated run (or a resumed one) gets the same answer without paying again.
 * Keyed by everything that shapes the answer: provider, model, the full request (system prompt,
 * messages, max_tokens, temperature, seed) and the sample index (so pass@k samples stay distinct).
 * The endpoint is not in the key: the same model behind another URL gives the same answers.
 * One file per entry, sharded by the first two hex digits, written atomically. Only successful
 * answers are stored.
 */
export interface CacheKeyParts {
  provider: string;
  model: string;
  request: ChatRequest;
  sampleIndex: number;
}

export function cacheDir(): string {
  return process.env.GAUNTLET_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'gauntlet', 'responses');
}

export function cacheKey(k: CacheKeyParts): string {
  const canonical = JSON.stringify({ v: 1, provider: k.provider, model: k.model, request: sortKeys(k.request), sample: k.sampleIndex });
  return createHash('sha256').update(canonical).digest('hex');
}

const fileOf = (key: string) => path.join(cacheDir(), key.slice(0, 2), `${key}.json`);

export async function cacheGet(key: string): Promise<ChatResult | undefined> {
  try {
    const entry = JSON.parse(await fs.readFile(fileOf(key), 'utf8')) as { result?: ChatResult };
    return typeof entry.result?.text === 'string' ? entry.result : undefined;
  } catch {
    return undefined; // missing or unreadable: a miss, the call is made again
  }
}

export async function cachePut(key: string, parts: CacheKeyParts, result: ChatResult): Promise<void> {
  await writeJsonAtomic(fileOf(key), { provider: parts.provider, model: parts.model, sample: parts.sampleIndex, stored_at: new Date().toISOString(), result });
}

/** Key order must not change the hash. */
function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, x]) => [k, sortKeys(x)]),
    );
  }
  return v;
}
