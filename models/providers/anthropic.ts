import type Anthropic from '@anthropic-ai/sdk';
import { partsOf, readArguments, type ChatMessage, type ChatModel, type ChatRequest, type ToolCall, type ToolChoice } from '../chat';
import { memoClient } from './clients';
import { anthropicSdk } from './sdks';
import { sampleHeaders } from './sample-header';

export interface AnthropicOptions {
  model: string;
  apiKey: string;
  /** Host root; a trailing /v1 is tolerated (the SDK adds /v1/messages itself). */
  baseURL?: string;
}

/** Anthropic Messages API. SDK retries are off: retrying is the workflow's decision. */
export function anthropicModel(o: AnthropicOptions): ChatModel {
  const baseURL = o.baseURL?.replace(/\/v1\/?$/, '');
  // The SDK is imported at the first call (models/providers/sdks.ts), the client made once.
  const client = memoClient('anthropic', [o.apiKey, baseURL], async () => new (await anthropicSdk()).default({ apiKey: o.apiKey, baseURL, maxRetries: 0 }));
  return {
    provider: 'anthropic',
    model: o.model,
    cacheable: true,
    async complete(req, ctx) {
      const msg = await (await client).messages.create(
        {
          model: o.model,
          max_tokens: req.max_tokens,
          messages: req.messages.map(toAnthropicMessage),
          ...(req.system !== undefined ? { system: req.system } : {}),
          ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
          ...toolsOf(req),
        },
        { timeout: ctx.timeoutMs, signal: ctx.signal, maxRetries: 0, headers: sampleHeaders(baseURL, ctx.sampleIndex) },
      );
      const text = msg.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      const tool_calls: ToolCall[] = msg.content.flatMap((b) => (b.type === 'tool_use' ? [{ id: b.id, name: b.name, ...readArguments(b.input) }] : []));
      return {
        text,
        tokens_in: msg.usage.input_tokens,
        tokens_out: msg.usage.output_tokens,
        stop_reason: msg.stop_reason ?? undefined,
        ...(tool_calls.length ? { tool_calls } : {}),
      };
    },
  };
}

/** Tool calls are `tool_use` blocks of the assistant turn; results are `tool_result` blocks of the next user turn. */
export function toAnthropicMessage(m: ChatMessage): Anthropic.MessageParam {
  if (typeof m.content === 'string') return { role: m.role, content: m.content };
  const blocks: Anthropic.ContentBlockParam[] = partsOf(m).map((p) => {
    switch (p.type) {
      case 'text':
        return { type: 'text', text: p.text };
      case 'tool_call':
        // Anthropic requires an object: a malformed call goes back as the empty object it was read as.
        return { type: 'tool_use', id: p.id, name: p.name, input: p.arguments };
      case 'tool_result':
        return { type: 'tool_result', tool_use_id: p.tool_call_id, content: p.content, ...(p.is_error ? { is_error: true } : {}) };
    }
  });
  return { role: m.role, content: blocks };
}

function toolsOf(req: ChatRequest): Pick<Anthropic.MessageCreateParamsNonStreaming, 'tools' | 'tool_choice'> {
  if (!req.tools?.length) return {};
  return {
    tools: req.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Tool.InputSchema })),
    ...(req.tool_choice !== undefined ? { tool_choice: anthropicChoice(req.tool_choice) } : {}),
  };
}

function anthropicChoice(c: ToolChoice): Anthropic.ToolChoice {
  if (typeof c === 'object') return { type: 'tool', name: c.name };
  return c === 'required' ? { type: 'any' } : { type: c };
}
