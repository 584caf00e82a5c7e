import { randomUUID } from 'node:crypto';
import type { FunctionCallingConfigMode, Content, GenerateContentConfig, Part, ToolConfig } from '@google/genai';
import { partsOf, readArguments, type ChatMessage, type ChatModel, type ChatRequest, type ToolCall, type ToolChoice } from '../chat';
import { ModelCallError } from '../types';
import { memoClient } from './clients';
import { googleSdk } from './sdks';

export interface GoogleOptions {
  model: string;
  apiKey: string;
  /** Host root (the SDK adds /v1beta/models/...); absent: Google's endpoint. */
  baseURL?: string;
}

/**
 * Gemini through the Google Gen AI SDK (generateContent). SDK retries stay off (no
 * retryOptions): retrying is the workflow's decision.
 */
export function googleModel(o: GoogleOptions): ChatModel {
  const baseUrl = o.baseURL?.replace(/\/(v1beta|v1)\/?$/, '').replace(/\/$/, '');
  // The SDK is imported at the first call (models/providers/sdks.ts), the client made once.
  const client = memoClient('google', [o.apiKey, baseUrl], async () => new (await googleSdk()).GoogleGenAI({ apiKey: o.apiKey, ...(baseUrl ? { httpOptions: { baseUrl } } : {}) }));
  return {
    provider: 'google',
    model: o.model,
    cacheable: true,
    async complete(req, ctx) {
      const config: GenerateContentConfig = {
        maxOutputTokens: req.max_tokens,
        ...(req.system !== undefined ? { systemInstruction: req.system } : {}),
        ...(req.temperature !== undefined ? { temperature: req.temperature } : {}),
        ...(req.seed !== undefined ? { seed: req.seed } : {}),
        ...toolsOf(req),
        httpOptions: { timeout: ctx.timeoutMs },
        ...(ctx.signal ? { abortSignal: ctx.signal } : {}),
      };
      let res;
      try {
        res = await (await client).models.generateContent({ model: o.model, contents: toGoogleContents(req.messages), config });
      } catch (e) {
        throw timeoutOrSelf(e, ctx);
      }
      const cand = res.candidates?.[0];
      const parts = cand?.content?.parts ?? [];
      // Thought summaries are not the answer.
      const text = parts.map((p) => (p.text !== undefined && !p.thought ? p.text : '')).join('');
      const tool_calls: ToolCall[] = parts.flatMap((p) =>
        p.functionCall
          ? [
              {
                // Older Gemini models send no call id; results are matched by the id we give.
                id: p.functionCall.id || `call_${randomUUID()}`,
                name: p.functionCall.name ?? '',
                ...readArguments(p.functionCall.args),
                ...(p.thoughtSignature ? { signature: p.thoughtSignature } : {}),
              },
            ]
          : [],
      );
      const usage = res.usageMetadata;
      return {
        text,
        tokens_in: usage?.promptTokenCount ?? 0,
        // Thinking tokens are billed as output.
        tokens_out: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
        stop_reason: cand?.finishReason ?? res.promptFeedback?.blockReason ?? undefined,
        ...(tool_calls.length ? { tool_calls } : {}),
      };
    },
  };
}

/**
 * Gemini turns are `user` / `model`. A tool call is a `functionCall` part; its result is a
 * `functionResponse` part of the next user turn, which must name the function: the name is
 * looked up from the call it answers. Output goes under `output`, errors under `error`, as the
 * API documents.
 */
export function toGoogleContents(messages: ChatMessage[]): Content[] {
  const callNames = new Map<string, string>();
  return messages.map((m) => {
    const parts: Part[] = partsOf(m).map((p) => {
      switch (p.type) {
        case 'text':
          return { text: p.text };
        case 'tool_call':
          callNames.set(p.id, p.name);
          return { functionCall: { id: p.id, name: p.name, args: p.arguments }, ...(p.signature ? { thoughtSignature: p.signature } : {}) };
        case 'tool_result': {
          const name = callNames.get(p.tool_call_id);
          if (name === undefined) {
            // A solver bug, not a provider failure: retrying the same request cannot fix it.
            throw new ModelCallError('fatal', `google: the tool result for call "${p.tool_call_id}" answers no tool call earlier in the conversation; keep the assistant turn with that call in messages`, 'google');
          }
          return { functionResponse: { id: p.tool_call_id, name, response: p.is_error ? { error: p.content } : { output: p.content } } };
        }
      }
    });
    return { role: m.role === 'assistant' ? 'model' : 'user', parts };
  });
}

function toolsOf(req: ChatRequest): Pick<GenerateContentConfig, 'tools' | 'toolConfig'> {
  if (!req.tools?.length) return {};
  return {
    tools: [{ functionDeclarations: req.tools.map((t) => ({ name: t.name, description: t.description, parametersJsonSchema: t.parameters })) }],
    ...(req.tool_choice !== undefined ? { toolConfig: googleChoice(req.tool_choice) } : {}),
  };
}

function googleChoice(c: ToolChoice): ToolConfig {
  // The SDK's string enum by value: the SDK itself is imported only when a call is made.
  const mode = (m: 'ANY' | 'NONE' | 'AUTO') => m as FunctionCallingConfigMode;
  if (typeof c === 'object') return { functionCallingConfig: { mode: mode('ANY'), allowedFunctionNames: [c.name] } };
  const m = c === 'required' ? mode('ANY') : c === 'none' ? mode('NONE') : mode('AUTO');
  return { functionCallingConfig: { mode: m } };
}

/**
 * The SDK aborts a request that outlives httpOptions.timeout with a bare AbortError, the same
 * error a caller's abort gives: tell them apart here, so a timeout is classified as one.
 */
function timeoutOrSelf(e: unknown, ctx: { timeoutMs: number; signal?: AbortSignal }): unknown {
  if ((e as Error)?.name === 'AbortError' && !ctx.signal?.aborted) {
    return Object.assign(new Error(`google: no response within ${ctx.timeoutMs} ms (request timed out)`), { code: 'ETIMEDOUT' });
  }
  return e;
}
