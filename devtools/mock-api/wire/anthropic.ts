import { randomUUID } from 'node:crypto';
import { blockText, list, retryHeaders, str, type Conversation, type WireFormat, type WireResponse } from './types';

/** Anthropic Messages: `tool_use` blocks in assistant turns, `tool_result` blocks in user turns. */
export const anthropic: WireFormat = {
  api: 'anthropic',
  read(body) {
    const text = blockText(body.system);
    const c: Conversation = { api: 'anthropic', model: str(body.model) ?? 'mock', text: '', tools: list(body.tools).flatMap((t) => str(t.name) ?? []), assistant_turns: 0, results: [], body };
    for (const m of list(body.messages)) {
      if (m.role === 'assistant') c.assistant_turns++;
      text.push(...blockText(m.content));
      for (const b of list(m.content)) {
        if (b.type === 'tool_use') text.push(JSON.stringify(b.input ?? null));
        if (b.type === 'tool_result') {
          const content = typeof b.content === 'string' ? b.content : blockText(b.content).join('\n');
          text.push(content);
          c.results.push({ tool_call_id: str(b.tool_use_id) ?? '', content, is_error: b.is_error === true });
        }
      }
    }
    c.text = text.join('\n');
    return c;
  },
  ok(model, turn, tokensIn, tokensOut) {
    const content: unknown[] = turn.text ? [{ type: 'text', text: turn.text }] : [];
    for (const call of turn.calls ?? []) {
      // Anthropic's input is an object; a malformed call sends its raw text in its place.
      content.push({ type: 'tool_use', id: `toolu_mock_${randomUUID()}`, name: call.tool, input: call.raw_args ?? call.args ?? {} });
    }
    return {
      status: 200,
      headers: { 'request-id': `req_mock_${randomUUID()}` },
      body: {
        id: `msg_mock_${randomUUID()}`,
        type: 'message',
        role: 'assistant',
        model,
        content,
        stop_reason: turn.calls?.length ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: tokensIn, output_tokens: tokensOut },
      },
    };
  },
  rateLimit(waitMs, precise) {
    const headers = retryHeaders(waitMs, precise);
    headers['anthropic-ratelimit-requests-remaining'] = '0';
    headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + waitMs).toISOString();
    return error(429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.', headers);
  },
  quota: () => error(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.'),
  overloaded: () => error(529, 'overloaded_error', 'Overloaded'),
  serverError: () => error(500, 'api_error', 'Internal server error'),
  badRequest: (message) => error(400, 'invalid_request_error', message),
};

function error(status: number, type: string, message: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers, body: { type: 'error', error: { type, message }, request_id: `req_mock_${randomUUID()}` } };
}
