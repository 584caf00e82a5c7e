import type { CallContext, ChatModel, ChatRequest, ModelOutput } from './chat';
import { cacheGet, cacheKey, cachePut, type CacheKeyParts } from './cache';
import { callCost } from './cost';
import { toModelCallError } from './provider-error';

/**
 * One model call with the cross-cutting parts: cache lookup, classification of failures into
 * ModelCallError, cost. A cache hit costs nothing (cost_usd 0, cached true).
 */
export async function callModel(model: ChatModel, req: ChatRequest, ctx: CallContext, useCache: boolean): Promise<ModelOutput> {
  const parts: CacheKeyParts = { provider: model.provider, model: model.model, request: req, sampleIndex: ctx.sampleIndex };
  const caching = useCache && model.cacheable;
  const key = caching ? cacheKey(parts) : '';
  if (caching) {
    const hit = await cacheGet(key);
    if (hit) return { ...hit, cost_usd: 0, cached: true, unpriced: callCost(model.provider, model.model, 0, 0).unpriced };
  }
  let result;
  try {
    result = await model.complete(req, ctx);
  } catch (e) {
    throw toModelCallError(model.provider, e);
  }
  if (caching) {
    // The answer is paid for: a cache write failure (disk full) must not lose it.
    await cachePut(key, parts, result).catch((e) => console.warn(`gauntlet: response cache write failed (${(e as Error).message}); continuing`));
  }
  return { ...result, ...callCost(model.provider, model.model, result.tokens_in, result.tokens_out), cached: false };
}
