import { randomUUID } from 'node:crypto';
import { list, obj, str, type Conversation, type WireFormat, type WireResponse } from './types';

/**
 * Google Gen AI `POST /v1beta/models/{model}:generateContent`: turns are `user` / `model`,
 * tool calls are `functionCall` parts, results `functionResponse` parts ({output} or {error}).
 * Errors are google.rpc statuses; every 429 is RESOURCE_EXHAUSTED, told apart by its details.
 */
export const google: WireFormat = {
  api: 'google',
  read(body, urlModel) {
    const text: string[] = partsText(obj(body.systemInstruction).parts);
    const seed = obj(body.generationConfig).seed;
    const c: Conversation = {
      api: 'google',
      model: urlModel ?? 'mock',
      text: '',
      tools: list(body.tools).flatMap((t) => list(t.functionDeclarations).flatMap((d) => str(d.name) ?? [])),
      assistant_turns: 0,
      results: [],
      body,
      ...(typeof seed === 'number' ? { seed } : {}),
    };
    for (const m of list(body.contents)) {
      if (m.role === 'model') c.assistant_turns++;
      text.push(...partsText(m.parts));
      for (const p of list(m.parts)) {
        if (p.functionCall) text.push(JSON.stringify(obj(p.functionCall).args ?? null));
        if (p.functionResponse) {
          const fr = obj(p.functionResponse);
          const response = obj(fr.response);
          const is_error = 'error' in response;
          const v = is_error ? response.error : 'output' in response ? response.output : response;
          const content = typeof v === 'string' ? v : JSON.stringify(v);
          text.push(content);
          c.results.push({ tool_call_id: str(fr.id) ?? str(fr.name) ?? '', content, is_error });
        }
      }
    }
    c.text = text.join('\n');
    return c;
  },
  ok(model, turn, tokensIn, tokensOut) {
    const parts: unknown[] = turn.text ? [{ text: turn.text }] : [];
    (turn.calls ?? []).forEach((call, i) => {
      parts.push({
        // Struct arguments; a malformed call sends its raw text in their place.
        functionCall: { id: `mock-${randomUUID().slice(0, 8)}`, name: call.tool, args: call.raw_args ?? call.args ?? {} },
        // Gemini 3 signs the first call of a turn and rejects a follow-up that drops the signature.
        ...(i === 0 ? { thoughtSignature: Buffer.from(`mock-signature-${randomUUID()}`).toString('base64') } : {}),
      });
    });
    return {
      status: 200,
      headers: {},
      body: {
        candidates: [{ content: { parts, role: 'model' }, finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: tokensIn, candidatesTokenCount: tokensOut, totalTokenCount: tokensIn + tokensOut },
        modelVersion: model,
        responseId: randomUUID().replace(/-/g, '').slice(0, 22),
      },
    };
  },
  rateLimit(waitMs, precise) {
    const delay = precise ? `${(waitMs / 1000).toFixed(3)}s` : `${Math.max(1, Math.ceil(waitMs / 1000))}s`;
    return error(429, 'RESOURCE_EXHAUSTED', `${QUOTA_WORDS}\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_paid_tier_requests, limit: 1000`, [
      quotaFailure('generate_content_paid_tier_requests', 'GenerateRequestsPerMinutePerProjectPerModel'),
      HELP,
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: delay },
    ]);
  },
  quota: () =>
    error(429, 'RESOURCE_EXHAUSTED', `${QUOTA_WORDS}\n* Quota exceeded for metric: generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0`, [
      quotaFailure('generate_content_free_tier_requests', 'GenerateRequestsPerDayPerProjectPerModel-FreeTier'),
      HELP,
    ]),
  // Google has no 529: an overloaded model is 503 UNAVAILABLE.
  overloaded: () => error(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.'),
  serverError: () => error(500, 'INTERNAL', 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting'),
  badRequest: (message) => error(400, 'INVALID_ARGUMENT', message),
};

const QUOTA_WORDS =
  'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.';
const HELP = { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] };

function quotaFailure(metric: string, quotaId: string) {
  return {
    '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
    violations: [{ quotaMetric: `generativelanguage.googleapis.com/${metric}`, quotaId, quotaDimensions: { location: 'global', model: 'mock' } }],
  };
}

function error(code: number, status: string, message: string, details?: unknown[]): WireResponse {
  return { status: code, headers: {}, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

function partsText(parts: unknown): string[] {
  return list(parts).flatMap((p) => str(p.text) ?? []);
}
