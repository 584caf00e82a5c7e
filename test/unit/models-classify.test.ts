import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classify, parseDuration, retryAfterMs } from '../../models/classify';
import { toModelCallError } from '../../models/provider-error';
import { anthropicSdk, googleSdk, openaiSdk } from '../../models/providers/sdks';

// A worker loads an SDK at its first call (models/providers/sdks.ts), before that SDK can throw;
// errors are built from that same instance, as the providers' clients throw them.
let OpenAI: Awaited<ReturnType<typeof openaiSdk>>['default'];
let Anthropic: Awaited<ReturnType<typeof anthropicSdk>>['default'];
let GoogleApiError: Awaited<ReturnType<typeof googleSdk>>['ApiError'];
beforeAll(async () => {
  OpenAI = (await openaiSdk()).default;
  Anthropic = (await anthropicSdk()).default;
  GoogleApiError = (await googleSdk()).ApiError;
});

const DIR = path.join(import.meta.dirname, '../fixtures/provider-errors');
interface Fixture {
  provider: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  expected: string;
}
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, ...(JSON.parse(readFileSync(path.join(DIR, f), 'utf8')) as Fixture) }));

/** Builds the error exactly as the SDK does from a response (its own parser, no network). */
function sdkError(f: Fixture) {
  // @google/genai's throwErrorIfNotOK: the JSON body as text, or a text body wrapped in {error: {message, code, status: statusText}}.
  if (f.provider === 'google') {
    const body = typeof f.body === 'string' ? { error: { message: f.body, code: f.status, status: 'Too Many Requests' } } : f.body;
    return new GoogleApiError({ status: f.status, message: JSON.stringify(body) });
  }
  const headers = new Headers(f.headers);
  const json = typeof f.body === 'string' ? undefined : (f.body as object);
  const text = typeof f.body === 'string' ? f.body : undefined;
  return f.provider === 'anthropic' ? Anthropic.APIError.generate(f.status, json, text, headers) : OpenAI.APIError.generate(f.status, json, text, headers);
}

describe('classification of real provider error bodies', () => {
  it('has fixtures for every required case', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures)('$name → $expected', (f) => {
    const err = toModelCallError(f.provider, sdkError(f));
    expect(err.failureClass).toBe(f.expected);
    expect(err.httpStatus).toBe(f.status);
    expect(err.provider).toBe(f.provider);
    expect(err.message).toContain(String(f.status));
  });

  it('takes retry-after from the anthropic 429 headers', () => {
    const f = fixtures.find((x) => x.name === 'anthropic-429-rate-limit.json')!;
    expect(toModelCallError('anthropic', sdkError(f)).retryAfterMs).toBe(17_000);
  });

  it('uses the reset of the spent anthropic limit when retry-after is absent', () => {
    const f = fixtures.find((x) => x.name === 'anthropic-429-reset-headers-only.json')!;
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs(f.headers, '', now)).toBe(42_000);
  });

  it('uses the spent openai x-ratelimit-reset duration', () => {
    const f = fixtures.find((x) => x.name === 'openai-429-rate-limit-exceeded.json')!;
    expect(toModelCallError('openai', sdkError(f)).retryAfterMs).toBe(1604);
  });

  it('takes the google wait from RetryInfo.retryDelay', () => {
    const f = fixtures.find((x) => x.name === 'google-429-per-minute-token-quota.json')!;
    const e = toModelCallError('google', sdkError(f));
    expect(e.retryAfterMs).toBe(26_000);
    expect(e.message).toMatch(/per-minute quota/);
    expect(classify({ provider: 'google', status: 429, message: 'x', retryDelay: '0.350s' }).retryAfterMs).toBe(350);
  });

  it('names the google key and the quota rule in the message', () => {
    const key = fixtures.find((x) => x.name === 'google-400-api-key-invalid.json')!;
    expect(toModelCallError('google', sdkError(key)).message).toMatch(/API_KEY_INVALID.*GEMINI_API_KEY/);
    const day = fixtures.find((x) => x.name === 'google-429-daily-quota-limit-0.json')!;
    expect(toModelCallError('google', sdkError(day)).message).toMatch(/429 RESOURCE_EXHAUSTED.*limit: 0.*exhausted/s);
  });

  it('classifies a failed fetch (the Google SDK transport) by its cause', () => {
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const e = toModelCallError('google', reset);
    expect(e.failureClass).toBe('transient');
    expect(e.message).toMatch(/UND_ERR_SOCKET other side closed/);
  });

  it('reads the reset epoch of a "usage limit reached|<epoch>" message', () => {
    const now = 1735693200_000 - 60_000;
    const c = classify({ provider: 'openai-compatible', status: 429, message: 'Claude AI usage limit reached|1735693200' }, now);
    expect(c.failureClass).toBe('exhausted');
    expect(c.retryAfterMs).toBe(60_000);
  });

  it('prefers retry-after-ms, accepts HTTP dates, falls back to "try again in"', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after-ms': '250', 'retry-after': '9' }, '', now)).toBe(250);
    expect(retryAfterMs({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }, '', now)).toBe(5000);
    expect(retryAfterMs({}, 'Rate limit reached. Please try again in 6m0s.', now)).toBe(360_000);
    expect(retryAfterMs({}, 'nothing here', now)).toBeUndefined();
  });

  it('parses Go durations and rejects garbage', () => {
    expect(parseDuration('120ms')).toBe(120);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('soon')).toBeNaN();
  });

  it('classifies connection failures as transient', () => {
    const conn = new OpenAI.APIConnectionError({ message: 'Connection error.', cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
    const e1 = toModelCallError('openai', conn);
    expect(e1.failureClass).toBe('transient');
    expect(e1.message).toContain('ECONNRESET');
    expect(toModelCallError('anthropic', new Anthropic.APIConnectionTimeoutError()).failureClass).toBe('transient');
    expect(toModelCallError('openai', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })).failureClass).toBe('transient');
  });

  it('does not mistake a Gemini-style per-minute quota for exhaustion, nor a 400 for a rate limit', () => {
    expect(classify({ provider: 'openai-compatible', status: 429, message: 'Quota exceeded for metric: requests per minute' }).failureClass).toBe('rate_limited');
    expect(classify({ provider: 'openai', status: 422, message: 'bad' }).failureClass).toBe('fatal');
    expect(classify({ provider: 'openai', status: 503, message: 'unavailable' }).failureClass).toBe('transient');
  });
});
