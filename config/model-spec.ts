import { z } from 'zod';

export const PROVIDERS = ['anthropic', 'openai', 'google', 'openai-compatible', 'reference', 'replay', 'mock'] as const;
export type Provider = (typeof PROVIDERS)[number];

export interface ModelSpec {
  provider: Provider;
  /** Model name for API providers; results path for replay; empty for reference. */
  model: string;
}

/**
 * Parses `provider/model`, `reference`, `replay:<results.jsonl>` or `mock[/name]`.
 * Throws an Error that says what forms are accepted.
 */
export function parseModelSpec(spec: string): ModelSpec {
  const s = spec.trim();
  if (s === 'reference') return { provider: 'reference', model: 'canonical' };
  if (s.startsWith('replay:')) {
    const path = s.slice('replay:'.length);
    if (!path) throw new Error(`model spec "${spec}": replay needs a results file, e.g. replay:runs/r1/results.jsonl`);
    return { provider: 'replay', model: path };
  }
  if (s === 'mock') return { provider: 'mock', model: 'mock' };
  const slash = s.indexOf('/');
  const provider = slash > 0 ? s.slice(0, slash) : s;
  const model = slash > 0 ? s.slice(slash + 1) : '';
  if (!(PROVIDERS as readonly string[]).includes(provider) || (provider !== 'mock' && !model)) {
    throw new Error(
      `model spec "${spec}" is not understood: expected one of anthropic/<model>, openai/<model>, google/<model>, ` +
        `openai-compatible/<name> (with base_url), mock[/<name>], reference, replay:<results.jsonl>`,
    );
  }
  return { provider: provider as Provider, model: model || 'mock' };
}

export const ModelSpecString = z.string().superRefine((s, ctx) => {
  try {
    parseModelSpec(s);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message });
  }
});
