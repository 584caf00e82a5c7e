import { randomUUID } from 'node:crypto';
import { blockText, list, obj, retryHeaders, str, type Conversation, type WireFormat, type WireResponse } from './types';

/** OpenAI Chat Completions: `tool_calls` on assistant messages, one `role: "tool"` message per result. */
export const openai: WireFormat = {
  api: 'openai',
  read(body) {
    const text: string[] = [];
    const c: Conversation = {
      api: 'openai',
      model: str(body.model) ?? 'mock',
      text: '',
      tools: list(body.tools).flatMap((t) => str(obj(t.function).name) ?? []),
      assistant_turns: 0,
      results: [],
      body,
      ...(typeof body.seed === 'number' ? { seed: body.seed } : {}),
    };
    for (const m of list(body.messages)) {
      if (m.role === 'assistant') c.assistant_turns++;
      text.push(...blockText(m.content));
      for (const call of list(m.tool_calls)) text.push(str(obj(call.function).arguments) ?? '');
      if (m.role === 'tool') {
        const content = blockText(m.content).join('\n');
        // Chat Completions has no error flag: errors are said in the content (models/providers/openai.ts).
        c.results.push({ tool_call_id: str(m.tool_call_id) ?? '', content, is_error: content.startsWith('Error:') });
      }
    }
    c.text = text.join('\n');
    return c;
  },
  ok(model, turn, tokensIn, tokensOut) {
    const calls = (turn.calls ?? []).map((call) => ({
      id: `call_mock_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      type: 'function',
      function: { name: call.tool, arguments: call.raw_args ?? JSON.stringify(call.args ?? {}) },
    }));
    const message = { role: 'assistant', content: turn.text ?? (calls.length ? null : ''), refusal: null, ...(calls.length ? { tool_calls: calls } : {}) };
    return {
      status: 200,
      headers: { 'x-request-id': `req_mock_${randomUUID()}` },
      body: {
        id: `chatcmpl-mock-${randomUUID()}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message, finish_reason: calls.length ? 'tool_calls' : 'stop', logprobs: null }],
        usage: { prompt_tokens: tokensIn, completion_tokens: tokensOut, total_tokens: tokensIn + tokensOut },
      },
    };
  },
  rateLimit(waitMs, precise) {
    return error(
      429,
      'requests',
      'rate_limit_exceeded',
      `Rate limit reached for mock in organization org-mock on requests per min (RPM): Limit 50, Used 50, Requested 1. Please try again in ${waitMs}ms.`,
      retryHeaders(waitMs, precise),
    );
  },
  quota: () =>
    error(
      429,
      'insufficient_quota',
      'insufficient_quota',
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    ),
  overloaded: () => error(529, 'overloaded_error', null, 'Overloaded'),
  serverError: () => error(500, 'server_error', null, 'The server had an error while processing your request. Sorry about that!'),
  badRequest: (message) => error(400, 'invalid_request_error', null, message),
};

function error(status: number, type: string, code: string | null, message: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers, body: { error: { message, type, param: null, code } } };
}
