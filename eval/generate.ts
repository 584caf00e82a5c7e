import type { Arm } from '../config/run-config';
import { callModel } from '../models/call';
import { assistantMessage, type ChatModel, type ChatRequest } from '../models/chat';
import { resolveModel } from '../models/providers';
import { toModelCallError } from '../models/provider-error';
import type { Generate, GenerateOptions, TaskState } from './types';

export interface GenerateContext {
  arm: Arm;
  useCache: boolean;
  /** Per-request HTTP timeout; expiry is `transient`. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The `generate` handed to solvers: the arm's model with its parameters, the response cache,
 * cost accounting and failure classification. The model is resolved on first use, so solvers
 * that never call it (reference) need no API key.
 */
export function makeGenerate(g: GenerateContext): Generate {
  let model: ChatModel | undefined;
  const p = g.arm.params;
  return async (state: TaskState, opts = {}) => {
    try {
      model ??= resolveModel(g.arm);
      const req = chatRequest(state, p, opts);
      const out = await callModel(model, req, { task: { task_id: state.sample.id }, sampleIndex: state.epoch, timeoutMs: g.timeoutMs, signal: g.signal }, g.useCache);
      const u = state.usage;
      return {
        ...state,
        messages: [...state.messages, assistantMessage(out)],
        output: { completion: out.text, ...(out.stop_reason ? { stop_reason: out.stop_reason } : {}), ...(out.tool_calls ? { tool_calls: out.tool_calls } : {}) },
        usage: {
          tokens_in: u.tokens_in + out.tokens_in,
          tokens_out: u.tokens_out + out.tokens_out,
          cost_usd: u.cost_usd + out.cost_usd,
          calls: u.calls + 1,
          cached: (u.calls === 0 || u.cached) && out.cached,
          ...(u.unpriced || out.unpriced ? { unpriced: true } : {}),
        },
      };
    } catch (e) {
      throw toModelCallError(model?.provider ?? g.arm.model.split('/')[0]!, e);
    }
  };
}

/** The request for the state's messages: per-call options over the arm's parameters. */
export function chatRequest(state: TaskState, p: Arm['params'], opts: GenerateOptions = {}): ChatRequest {
  const system = opts.system ?? p.system_prompt;
  const temperature = opts.temperature ?? p.temperature;
  const seed = opts.seed ?? p.seed;
  // Key order is part of the response cache key: keep it (system, messages, max_tokens, temperature, seed).
  return {
    ...(system !== undefined ? { system } : {}),
    messages: state.messages,
    max_tokens: opts.max_tokens ?? p.max_tokens,
    ...(temperature !== undefined ? { temperature } : {}),
    // A fixed seed would make all pass@k samples identical: each sample gets its own.
    ...(seed !== undefined ? { seed: seed + state.epoch } : {}),
    // Absent for text-only calls, so their cache keys stay as they were.
    ...(opts.tools?.length ? { tools: opts.tools, ...(opts.tool_choice !== undefined ? { tool_choice: opts.tool_choice } : {}) } : {}),
  };
}
