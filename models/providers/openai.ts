import type OpenAI from 'openai';
import { partsOf, readArguments, type ChatMessage, type ChatModel, type ChatRequest, type ToolCall, type ToolChoice } from '../chat';
import { ModelCallError } from '../types';
import { memoClient } from './clients';
import { openaiSdk } from './sdks';
import { sampleHeaders } from './sample-header';

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
  // The SDK is imported at the first call (models/providers/sdks.ts), the client made once.
  const client = memoClient(o.provider, [o.apiKey, baseURL], async () => new (await openaiSdk()).default({ apiKey: o.apiKey, baseURL, maxRetries: 0 }));
  return {
    provider: o.provider,
    model: o.model,
    cacheable: true,
    async complete(req, ctx) {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        ...(req.system !== undefined ? [{ role: 'system' as const, content: req.system }] : []),
        ...req.messages.flatMap(toOpenAIMessages),
      ];
      const res = await (await client).chat.completions.create(
        {
          model: o.model,
          messages,
          [o.tokenParam]: req.max_tokens,
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...(req.seed !== undefined ? { seed: req.seed } : {}),
          ...toolsOf(req),
        },
        { timeout: ctx.timeoutMs, signal: ctx.signal, maxRetries: 0, headers: sampleHeaders(baseURL, ctx.sampleIndex) },
      );
      const choice = res.choices?.[0];
      // Some gateways answer 200 with an error object instead of choices.
      if (!choice) throw new ModelCallError('transient', `${o.provider}: the response has no choices: ${JSON.stringify(res).slice(0, 300)}`, o.provider);
      const tool_calls: ToolCall[] = (choice.message?.tool_calls ?? []).flatMap((c) =>
        c.type === 'function' ? [{ id: c.id, name: c.function.name, ...readArguments(c.function.arguments) }] : [],
      );
      return {
        text: choice.message?.content ?? '',
        tokens_in: res.usage?.prompt_tokens ?? 0,
        tokens_out: res.usage?.completion_tokens ?? 0,
        stop_reason: choice.finish_reason ?? undefined,
        ...(tool_calls.length ? { tool_calls } : {}),
      };
    },
  };
}

/**
 * Tool calls ride on the assistant message; each tool result is its own `role: "tool"` message,
 * and they must follow the assistant turn directly, so a user turn's text comes after them.
 * Chat Completions has no error flag on a tool result: the content says so.
 */
export function toOpenAIMessages(m: ChatMessage): OpenAI.Chat.ChatCompletionMessageParam[] {
  if (typeof m.content === 'string') return [{ role: m.role, content: m.content }];
  const parts = partsOf(m);
  const text = parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
  if (m.role === 'assistant') {
    const calls = parts.flatMap((p) =>
      p.type === 'tool_call' ? [{ id: p.id, type: 'function' as const, function: { name: p.name, arguments: p.invalid_arguments ?? JSON.stringify(p.arguments) } }] : [],
    );
    return [{ role: 'assistant', content: text || null, ...(calls.length ? { tool_calls: calls } : {}) }];
  }
  const out: OpenAI.Chat.ChatCompletionMessageParam[] = parts.flatMap((p) =>
    p.type === 'tool_result' ? [{ role: 'tool' as const, tool_call_id: p.tool_call_id, content: p.is_error ? `Error: ${p.content}` : p.content }] : [],
  );
  if (text || !out.length) out.push({ role: 'user', content: text });
  return out;
}

function toolsOf(req: ChatRequest): Pick<OpenAI.Chat.ChatCompletionCreateParamsNonStreaming, 'tools' | 'tool_choice'> {
  if (!req.tools?.length) return {};
  return {
    tools: req.tools.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
    ...(req.tool_choice !== undefined ? { tool_choice: openaiChoice(req.tool_choice) } : {}),
  };
}

function openaiChoice(c: ToolChoice): OpenAI.Chat.ChatCompletionToolChoiceOption {
  return typeof c === 'object' ? { type: 'function', function: { name: c.name } } : c;
}

/** `http://host:8000` → `http://host:8000/v1`; a URL that already has a path is used as given. */
export function withV1(url: string): string {
  const u = new URL(url);
  if (u.pathname === '' || u.pathname === '/') u.pathname = '/v1';
  return u.toString().replace(/\/$/, '');
}
