/**
 * The provider-neutral shape of one model call: what a solver asks for and what comes back.
 * Providers translate it to their wire format; the cache keys on it, so a text-only request
 * (string contents, no tools) must keep exactly the fields it always had.
 */
export interface ChatMessage {
  role: 'user' | 'assistant';
  /**
   * A string, or parts: an assistant turn holds text and tool calls; the user turn after it
   * holds the tool results (one per call, before any text) and may add text.
   */
  content: string | ContentPart[];
}

export type ContentPart = TextPart | ToolCallPart | ToolResultPart;

export interface TextPart {
  type: 'text';
  text: string;
}

/** A tool call the model made, as it comes back in ChatResult.tool_calls. */
export interface ToolCall {
  /** The provider's call id (generated when the provider sends none); tool results refer to it. */
  id: string;
  name: string;
  /** Parsed arguments; `{}` when the model's arguments were not a JSON object. */
  arguments: Record<string, unknown>;
  /**
   * The argument text exactly as the model sent it, present only when it was not a JSON
   * object: the caller answers with a tool error instead of running the tool.
   */
  invalid_arguments?: string;
  /**
   * Opaque token the provider requires back with this call in the next request (Gemini's
   * thought signature); carried, never read.
   */
  signature?: string;
}

export interface ToolCallPart extends ToolCall {
  type: 'tool_call';
}

export interface ToolResultPart {
  type: 'tool_result';
  tool_call_id: string;
  content: string;
  /** The tool failed (or the call was malformed); the model sees it as an error. */
  is_error?: boolean;
}

/** A tool the model may call. */
export interface ToolDef {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
}

/** `auto` (default): the model chooses; `required`: some tool; `none`: no tool; `{name}`: that tool. */
export type ToolChoice = 'auto' | 'required' | 'none' | { name: string };

export interface ChatRequest {
  system?: string;
  messages: ChatMessage[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
  tools?: ToolDef[];
  tool_choice?: ToolChoice;
}

export interface ChatResult {
  /** All text of the answer, concatenated (empty when the turn is only tool calls). */
  text: string;
  tokens_in: number;
  tokens_out: number;
  stop_reason?: string;
  /** Present only when the model called tools, in the order it called them. */
  tool_calls?: ToolCall[];
}

/** What the call is for: replay looks answers up by task and sample; providers use the timeout. */
export interface CallContext {
  task: { task_id: string };
  sampleIndex: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ChatModel {
  /** Provider name as in the model spec (anthropic, openai, google, openai-compatible, mock, replay). */
  provider: string;
  model: string;
  /** Replay answers are already recorded: caching them would only duplicate the file. */
  cacheable: boolean;
  complete(req: ChatRequest, ctx: CallContext): Promise<ChatResult>;
}

/** A finished call as solvers see it: the answer plus accounting. */
export interface ModelOutput extends ChatResult {
  cost_usd: number;
  cached: boolean;
  unpriced: boolean;
}

/** The assistant turn to append to the conversation after a result, tool calls included. */
export function assistantMessage(r: Pick<ChatResult, 'text' | 'tool_calls'>): ChatMessage {
  if (!r.tool_calls?.length) return { role: 'assistant', content: r.text };
  const parts: ContentPart[] = r.text ? [{ type: 'text', text: r.text }] : [];
  for (const c of r.tool_calls) parts.push({ type: 'tool_call', ...c });
  return { role: 'assistant', content: parts };
}

/** The parts of a message, a string content being one text part. */
export function partsOf(m: ChatMessage): ContentPart[] {
  return typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : m.content;
}

/**
 * Reads a model's argument text: an object, or `invalid_arguments` with the text kept.
 * Shared by the providers whose wire format carries arguments as a string (OpenAI) or may
 * carry a non-object (a broken gateway, the simulated API's malformed calls).
 */
export function readArguments(raw: unknown): Pick<ToolCall, 'arguments' | 'invalid_arguments'> {
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) return { arguments: raw as Record<string, unknown> };
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw ?? null);
  if (typeof raw === 'string') {
    // Models call argument-less tools with an empty string.
    if (!raw.trim()) return { arguments: {} };
    try {
      const v: unknown = JSON.parse(raw);
      if (v && typeof v === 'object' && !Array.isArray(v)) return { arguments: v as Record<string, unknown> };
    } catch {
      // not JSON: reported below with the text as sent
    }
  }
  return { arguments: {}, invalid_arguments: text };
}
