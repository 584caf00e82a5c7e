import OpenAI from 'openai';
import type { ChatModel } from '../chat';
import { ModelCallError } from '../types';
import { memoClient } from './clients';

export interface OpenAIOptions {
  /** openai, openai-compatible or mock: all speak Chat Completions. */
  provider: string;
  model: string;
  apiKey: string;
  baseURL?: string;
  /**
   * OpenAI's own models take `max_completion_tokens` (o-series reject `max_tokens`); most
   * compatible servers only know `max_tokens`.
   */
  tokenParam: 'max_completion_tokens' | 'max_tokens';
}

/** OpenAI Chat Completions. SDK retries are off: retrying is the workflow's decision. */
export function openaiModel(o: OpenAIOptions): ChatModel {
  const baseURL = o.baseURL ? withV1(o.baseURL) : undefined;
  const client = memoClient(o.provider, [o.apiKey, baseURL], () => new OpenAI({ apiKey: o.apiKey, baseURL, maxRetries: 0 }));
  return {
    provider: o.provider,
    model: o.model,
    cacheable: true,
    async complete(req, ctx) {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        ...(req.system !== undefined ? [{ role: 'system' as const, content: req.system }] : []),
        ...req.messages,
      ];
      const res = await client.chat.completions.create(
        {
          model: o.model,
          messages,
          [o.tokenParam]: req.max_tokens,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(req.seed !== undefined ? { seed: req.seed } : {}),
        },
        { timeout: ctx.timeoutMs, signal: ctx.signal, maxRetries: 0 },
      );
      const choice = res.choices?.[0];
      // Some gateways answer 200 with an error object instead of choices.
      if (!choice) throw new ModelCallError('transient', `${o.provider}: the response has no choices: ${JSON.stringify(res).slice(0, 300)}`, o.provider);
      return {
        text: choice.message?.content ?? '',
        tokens_in: res.usage?.prompt_tokens ?? 0,
        tokens_out: res.usage?.completion_tokens ?? 0,
        stop_reason: choice.finish_reason ?? undefined,
      };
    },
  };
}

/** `http://host:8000` → `http://host:8000/v1`; a URL that already has a path is used as given. */
export function withV1(url: string): string {
  const u = new URL(url);
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/v1';
  return u.toString().replace(/\/$/, '');
}
