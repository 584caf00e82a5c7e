/**
 * The provider-neutral shape of one model call: what a solver asks for and what comes back.
 * Providers translate it to their wire format; the cache keys on it.
 */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  system?: string;
  messages: ChatMessage[];
  max_tokens: number;
  temperature?: number;
  seed?: number;
}

export interface ChatResult {
  text: string;
  tokens_in: number;
  tokens_out: number;
  stop_reason?: string;
}

/** What the call is for: replay looks answers up by task and sample; providers use the timeout. */
export interface CallContext {
  task: { task_id: string };
  sampleIndex: number;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface ChatModel {
  /** Provider name as in the model spec (anthropic, openai, openai-compatible, mock, replay). */
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
