/**
 * What the simulated API reads from a request and writes into a response, the same for every
 * wire format: each format (anthropic.ts, openai.ts, google.ts) translates to and from these.
 */
export type Api = 'anthropic' | 'openai' | 'google';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface WireToolResult {
  tool_call_id: string;
  content: string;
  is_error: boolean;
}

/** The conversation a request carries, as far as scripted answers need it. */
export interface Conversation {
  api: Api;
  model: string;
  /** All text (system, messages, tool calls and results), for task matching and token counts. */
  text: string;
  /** Names of the tools the request offers. */
  tools: string[];
  /** Assistant turns already in the conversation: 0 on the first request of an episode. */
  assistant_turns: number;
  /** Every tool result in the conversation, oldest first. */
  results: WireToolResult[];
  seed?: number;
  /** The request body as sent, for scripted agents that check what the client put on the wire. */
  body: Record<string, unknown>;
}

/** One tool call the simulated model makes. `raw_args` is sent verbatim instead of `args` (malformed calls). */
export interface MockToolCall {
  tool: string;
  args?: Record<string, unknown>;
  raw_args?: string;
}

/** One answer of the simulated model: text, tool calls, or both. */
export interface MockTurn {
  text?: string;
  calls?: MockToolCall[];
}

export interface WireFormat {
  api: Api;
  /** `model` from the URL where the format puts it there (Google), else from the body. */
  read(body: Record<string, unknown>, urlModel?: string): Conversation;
  ok(model: string, turn: MockTurn, tokensIn: number, tokensOut: number): WireResponse;
  /** A 429 rate limit asking the client to wait `waitMs` (`precise`: to the millisecond). */
  rateLimit(waitMs: number, precise: boolean): WireResponse;
  /** Out of credit or quota, as the provider says it. */
  quota(): WireResponse;
  overloaded(): WireResponse;
  serverError(): WireResponse;
  badRequest(message: string): WireResponse;
}

export const approxTokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

/** Text of a content that is a string or a list of blocks with `text`. */
export function blockText(c: unknown): string[] {
  if (typeof c === 'string') return [c];
  if (!Array.isArray(c)) return [];
  return c.flatMap((b) => (b && typeof b === 'object' && typeof (b as { text?: unknown }).text === 'string' ? [(b as { text: string }).text] : []));
}

export const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
export const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.map(obj) : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `retry-after` in whole seconds, and `retry-after-ms` when the wait is known to the millisecond. */
export function retryHeaders(waitMs: number, precise: boolean): Record<string, string> {
  const headers: Record<string, string> = { 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) };
  if (precise) headers['retry-after-ms'] = String(waitMs);
  return headers;
}
