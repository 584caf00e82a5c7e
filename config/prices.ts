import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';

/** USD per 1M tokens. */
export const PriceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
export type Price = z.infer<typeof PriceSchema>;

/**
 * List prices (USD per 1M tokens, standard tier, no batch or cache discounts) keyed by
 * `provider/model`. A key matches the model itself and its dated snapshots
 * (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`): the longest matching key wins.
 * Prices change: override or extend with a JSON file at $GAUNTLET_PRICES, e.g.
 * `{"openai-compatible/llama-3-70b": {"input": 0.6, "output": 0.8}}`.
 */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  'anthropic/claude-opus-4-5': { input: 5, output: 25 },
  'anthropic/claude-opus-4-1': { input: 15, output: 75 },
  'anthropic/claude-opus-4': { input: 15, output: 75 },
  'anthropic/claude-sonnet-4-5': { input: 3, output: 15 },
  'anthropic/claude-sonnet-4': { input: 3, output: 15 },
  'anthropic/claude-3-7-sonnet': { input: 3, output: 15 },
  'anthropic/claude-3-5-sonnet': { input: 3, output: 15 },
  'anthropic/claude-haiku-4-5': { input: 1, output: 5 },
  'anthropic/claude-3-5-haiku': { input: 0.8, output: 4 },
  'anthropic/claude-3-haiku': { input: 0.25, output: 1.25 },
  'openai/gpt-5': { input: 1.25, output: 10 },
  'openai/gpt-5-mini': { input: 0.25, output: 2 },
  'openai/gpt-5-nano': { input: 0.05, output: 0.4 },
  'openai/gpt-4.1': { input: 2, output: 8 },
  'openai/gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'openai/gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'openai/gpt-4o': { input: 2.5, output: 10 },
  'openai/gpt-4o-mini': { input: 0.15, output: 0.6 },
  'openai/o3': { input: 2, output: 8 },
  'openai/o3-mini': { input: 1.1, output: 4.4 },
  'openai/o4-mini': { input: 1.1, output: 4.4 },
  // Paid tier, prompts up to 200k tokens (longer prompts cost more on the Pro models); output includes thinking tokens.
  'google/gemini-2.5-pro': { input: 1.25, output: 10 },
  'google/gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'google/gemini-2.5-flash-lite': { input: 0.1, output: 0.4 },
  'google/gemini-2.0-flash': { input: 0.1, output: 0.4 },
  // Nominal, so that budgets and cost reports can be exercised offline against the simulated API.
  'mock/': { input: 1, output: 2 },
};

const OverrideSchema = z.record(z.string(), PriceSchema);
let override: { file: string; mtimeMs: number; prices: Record<string, Price> } | undefined;

/** The price table in effect: defaults, then $GAUNTLET_PRICES on top (re-read when the file changes). */
export function priceTable(): Record<string, Price> {
  const file = process.env.GAUNTLET_PRICES;
  if (!file) return { ...DEFAULT_PRICES };
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    throw new Error(`GAUNTLET_PRICES=${file}: file not found; point it at a JSON file like {"openai/gpt-4o": {"input": 2.5, "output": 10}} or unset it`);
  }
  if (!override || override.file !== file || override.mtimeMs !== mtimeMs) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new Error(`GAUNTLET_PRICES=${file}: not valid JSON (${(e as Error).message})`);
    }
    const r = OverrideSchema.safeParse(raw);
    if (!r.success) {
      const i = r.error.issues[0]!;
      throw new Error(`GAUNTLET_PRICES=${file}: at ${i.path.join('.') || '(root)'}: ${i.message}; expected {"provider/model": {"input": USD per 1M, "output": USD per 1M}}`);
    }
    override = { file, mtimeMs, prices: r.data };
  }
  return { ...DEFAULT_PRICES, ...override.prices };
}

/** The price of `provider/model`, or undefined when the table has no entry for it. */
export function lookupPrice(provider: string, model: string, table: Record<string, Price> = priceTable()): Price | undefined {
  const full = `${provider}/${model}`;
  if (table[full]) return table[full];
  let best: string | undefined;
  for (const key of Object.keys(table)) {
    const boundary = full.length === key.length || key.endsWith('/') || full[key.length] === '-';
    if (full.startsWith(key) && boundary && (!best || key.length > best.length)) best = key;
  }
  return best ? table[best] : undefined;
}
