import { randomUUID } from 'node:crypto';

/**
 * Request and response shapes of the two APIs, as close to the real ones as the official SDKs
 * need (and error bodies as the providers send them, see test/fixtures/provider-errors/).
 */
export type Api = 'anthropic' | 'openai';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** All text of a request (system prompt and messages), for task matching and token counts. */
export function requestText(api: Api, body: Record<string, unknown>): string {
  const parts: string[] = [];
  const add = (c: unknown) => {
    if (typeof c === 'string') parts.push(c);
    else if (Array.isArray(c)) for (const b of c) if (b && typeof b === 'object' && typeof (b as { text?: unknown }).text === 'string') parts.push((b as { text: string }).text);
  };
  if (api === 'anthropic') add(body.system);
  if (Array.isArray(body.messages)) for (const m of body.messages) add((m as { content?: unknown })?.content);
  return parts.join('\n');
}

export const approxTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export function okResponse(api: Api, model: string, text: string, tokensIn: number, tokensOut: number): WireResponse {
  if (api === 'anthropic') {
    return {
      status: 200,
      headers: { 'request-id': `req_mock_${randomUUID()}` },
      body: {
        id: `msg_mock_${randomUUID()}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: tokensIn, output_tokens: tokensOut },
      },
    };
  }
  return {
    status: 200,
    headers: { 'x-request-id': `req_mock_${randomUUID()}` },
    body: {
      id: `chatcmpl-mock-${randomUUID()}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: tokensIn, completion_tokens: tokensOut, total_tokens: tokensIn + tokensOut },
    },
  };
}

function anthropicError(status: number, type: string, message: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers, body: { type: 'error', error: { type, message }, request_id: `req_mock_${randomUUID()}` } };
}

function openaiError(status: number, type: string, code: string | null, message: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers, body: { error: { message, type, param: null, code } } };
}

/** A 429 rate limit asking the client to wait `waitMs`. */
export function rateLimitResponse(api: Api, waitMs: number, precise: boolean): WireResponse {
  const headers: Record<string, string> = { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
  if (precise) headers['retry-after-ms'] = String(waitMs);
  if (api === 'anthropic') {
    headers['anthropic-ratelimit-requests-remaining'] = '0';
    headers['anthropic-ratelimit-requests-reset'] = new Date(Date.now() + waitMs).toISOString();
    return anthropicError(429, 'rate_limit_error', 'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.', headers);
  }
  return openaiError(
    429,
    'requests',
    'rate_limit_exceeded',
    `Rate limit reached for mock in organization org-mock on requests per min (RPM): Limit 50, Used 50, Requested 1. Please try again in ${waitMs}ms.`,
    headers,
  );
}

export function quotaResponse(api: Api): WireResponse {
  if (api === 'anthropic') {
    return anthropicError(400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.');
  }
  return openaiError(
    429,
    'insufficient_quota',
    'insufficient_quota',
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
  );
}

export function overloadedResponse(api: Api): WireResponse {
  return api === 'anthropic' ? anthropicError(529, 'overloaded_error', 'Overloaded') : openaiError(529, 'overloaded_error', null, 'Overloaded');
}

export function serverErrorResponse(api: Api): WireResponse {
  return api === 'anthropic'
    ? anthropicError(500, 'api_error', 'Internal server error')
    : openaiError(500, 'server_error', null, 'The server had an error while processing your request. Sorry about that!');
}

export function badRequestResponse(api: Api, message: string): WireResponse {
  return api === 'anthropic' ? anthropicError(400, 'invalid_request_error', message) : openaiError(400, 'invalid_request_error', null, message);
}
