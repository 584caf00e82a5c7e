import Anthropic from '@anthropic-ai/sdk';
import type { ChatModel } from '../chat';
import { memoClient } from './clients';

export interface AnthropicOptions {
  model: string;
  apiKey: string;
  /** Host root; a trailing /v1 is tolerated (the SDK adds /v1/messages itself). */
  baseURL?: string;
}

/** Anthropic Messages API. SDK retries are off: retrying is the workflow's decision. */
export function anthropicModel(o: AnthropicOptions): ChatModel {
  const baseURL = o.baseURL?.replace(/\/v1\/?$/, '');
  const client = memoClient('anthropic', [o.apiKey, baseURL], () => new Anthropic({ apiKey: o.apiKey, baseURL, maxRetries: 0 }));
  return {
    provider: 'anthropic',
    model: o.model,
    cacheable: true,
    async complete(req, ctx) {
      const msg = await client.messages.create(
        {
          model: o.model,
          max_tokens: req.max_tokens,
          messages: req.messages,
          ...(req.system !== undefined ? { system: req.system } : {}),
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        },
        { timeout: ctx.timeoutMs, signal: ctx.signal, maxRetries: 0 },
      );
      const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      return { text, tokens_in: msg.usage.input_tokens, tokens_out: msg.usage.output_tokens, stop_reason: msg.stop_reason ?? undefined };
    },
  };
}
