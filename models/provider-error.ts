import type Anthropic from '@anthropic-ai/sdk';
import type { ApiError as GoogleApiError } from '@google/genai';
import type OpenAI from 'openai';
import { classify, type ProviderFailure } from './classify';
import { loadedSdks } from './providers/sdks';

type SdkError = InstanceType<typeof Anthropic.APIError> | InstanceType<typeof OpenAI.APIError>;
type SdkErrorClass = 'APIError' | 'APIConnectionTimeoutError' | 'APIUserAbortError' | 'APIConnectionError';

/** An error of that class of the OpenAI or Anthropic SDK; an SDK not imported yet (sdks.ts) cannot have thrown it. */
function isSdkError(err: unknown, cls: SdkErrorClass): boolean {
  const { openai, anthropic } = loadedSdks();
  return (!!openai && err instanceof openai.default[cls]) || (!!anthropic && err instanceof anthropic.default[cls]);
}

const isSdkApiError = (err: unknown): err is SdkError => isSdkError(err, 'APIError');

function isGoogleError(err: unknown): err is GoogleApiError {
  const google = loadedSdks().google;
  return !!google && err instanceof google.ApiError;
}
import { ModelCallError } from './types';

/**
 * Turns whatever a provider call threw into a ModelCallError, so the workflow only ever sees a
 * Generation or a classified error. SDK errors carry status, body and headers; plain Node errors
 * (ECONNRESET from a socket) are connection failures.
 */
export function toModelCallError(provider: string, err: unknown): ModelCallError {
  if (err instanceof ModelCallError) return err;
  const f = describeFailure(provider, err);
  const c = classify(f);
  const what = [f.status ?? f.connection ?? 'error', f.code ?? f.type].filter(Boolean).join(' ');
  const message = `${provider} API call failed (${what}): ${f.message.slice(0, 500)} [${c.failureClass}: ${c.hint}]`;
  return new ModelCallError(c.failureClass, message, provider, c.retryAfterMs, f.status);
}

export function describeFailure(provider: string, err: unknown): ProviderFailure {
  if (isSdkApiError(err)) {
    const connection = connectionKind(err);
    if (connection) return { provider, connection, message: causeMessage(err) };
    const inner = innerError(err.error);
    return {
      provider,
      status: err.status,
      type: str(inner?.type),
      code: str(inner?.code),
      message: str(inner?.message) ?? err.message,
      headers: headerRecord(err.headers),
    };
  }
  if (isGoogleError(err)) return describeGoogle(provider, err);
  const e = err as NodeJS.ErrnoException | undefined;
  // fetch (the Google SDK's transport) throws TypeError("fetch failed") with the socket error as cause.
  const cause = (e as { cause?: NodeJS.ErrnoException } | undefined)?.cause;
  const code = e?.code ?? cause?.code ?? '';
  const connection =
    /TIMEDOUT|TIMEOUT/.test(code) || e?.name === 'TimeoutError'
      ? 'timeout'
      : /ECONNRESET|EPIPE|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR/.test(code)
        ? 'reset'
        : e?.name === 'AbortError'
          ? 'aborted'
          : undefined;
  const message = e?.message ?? String(err);
  return { provider, connection, message: cause?.message && !message.includes(cause.message) ? `${message} (${code} ${cause.message})` : message };
}

/**
 * The Google SDK keeps no headers and puts the whole body, as JSON text, in the message:
 * `{"error": {code, message, status: "RESOURCE_EXHAUSTED", details: [QuotaFailure, RetryInfo...]}}`.
 * When the response was not labelled JSON the SDK wraps the text once more
 * (`{"error": {"message": "<body text>", "code": 429, "status": "Too Many Requests"}}`).
 */
function describeGoogle(provider: string, err: GoogleApiError): ProviderFailure {
  let inner = innerError(parseJson(err.message));
  const wrapped = innerError(parseJson(str(inner?.message)));
  if (wrapped) inner = wrapped;
  const details = Array.isArray(inner?.details) ? (inner.details as Record<string, unknown>[]) : [];
  const ofType = (t: string) => details.filter((d) => typeof d?.['@type'] === 'string' && (d['@type'] as string).endsWith(t));
  const quotaIds = ofType('google.rpc.QuotaFailure').flatMap((d) =>
    Array.isArray(d.violations) ? (d.violations as Record<string, unknown>[]).flatMap((v) => str(v?.quotaId) ?? str(v?.quotaMetric) ?? []) : [],
  );
  const reasons = ofType('google.rpc.ErrorInfo').flatMap((d) => str(d.reason) ?? []);
  const retryDelay = ofType('google.rpc.RetryInfo').map((d) => str(d.retryDelay))[0];
  const message = str(inner?.message) ?? err.message;
  return {
    provider,
    status: err.status,
    type: str(inner?.status),
    ...(reasons[0] ? { code: reasons[0] } : {}),
    // The reason (API_KEY_INVALID) says more than the message on some errors.
    message: reasons.length ? `${message} [${reasons.join(', ')}]` : message,
    ...(quotaIds.length ? { quotaIds } : {}),
    ...(retryDelay ? { retryDelay } : {}),
  };
}

function parseJson(s: string | undefined): unknown {
  if (!s) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function connectionKind(err: SdkError): ProviderFailure['connection'] {
  if (isSdkError(err, 'APIConnectionTimeoutError')) return 'timeout';
  if (isSdkError(err, 'APIUserAbortError')) return 'aborted';
  if (isSdkError(err, 'APIConnectionError')) return 'reset';
  return err.status === undefined ? 'other' : undefined;
}

/** "Connection error." alone says nothing; the cause (ECONNRESET, socket hang up) does. */
function causeMessage(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  const c = cause instanceof Error ? `${(cause as NodeJS.ErrnoException).code ?? ''} ${cause.message}`.trim() : '';
  return c ? `${err.message} (${c})` : err.message;
}

/** Anthropic keeps the whole body in `error` ({type:'error', error:{...}}); OpenAI keeps the inner object. */
function innerError(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  return b.error && typeof b.error === 'object' ? (b.error as Record<string, unknown>) : b;
}

function headerRecord(h: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  h?.forEach((v, k) => (out[k.toLowerCase()] = v));
  return out;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
