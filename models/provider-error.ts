import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';

type SdkError = InstanceType<typeof Anthropic.APIError> | InstanceType<typeof OpenAI.APIError>;
import { classify, type ProviderFailure } from './classify';
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
  if (err instanceof Anthropic.APIError || err instanceof OpenAI.APIError) {
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
  const e = err as NodeJS.ErrnoException | undefined;
  const code = e?.code ?? '';
  const connection = /TIMEDOUT|TIMEOUT/.test(code) ? 'timeout' : /ECONNRESET|EPIPE|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR/.test(code) ? 'reset' : undefined;
  return { provider, connection, message: e?.message ?? String(err) };
}

function connectionKind(err: SdkError): ProviderFailure['connection'] {
  if (err instanceof Anthropic.APIConnectionTimeoutError || err instanceof OpenAI.APIConnectionTimeoutError) return 'timeout';
  if (err instanceof Anthropic.APIUserAbortError || err instanceof OpenAI.APIUserAbortError) return 'aborted';
  if (err instanceof Anthropic.APIConnectionError || err instanceof OpenAI.APIConnectionError) return 'reset';
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
