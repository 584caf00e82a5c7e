import type { ModelFailureClass } from './types';

/**
 * The one place that decides what a failed model call means for a run (DESIGN.md, outcome
 * classes): `rate_limited` / `exhausted` → no row, the workflow waits and retries the same unit;
 * `transient` → Temporal retries, then an `error` row; `fatal` → stop the phase.
 *
 * Input is a provider-neutral description of the failure (see provider-error.ts for how SDK
 * errors become one), so the table is testable on recorded bodies without any network.
 */
export interface ProviderFailure {
  provider: string;
  /** HTTP status; absent when no response arrived (connection reset, timeout, refused). */
  status?: number;
  /** `error.type` of the body (Anthropic: rate_limit_error...; OpenAI: insufficient_quota, tokens...). */
  type?: string;
  /** `error.code` of the body (OpenAI: rate_limit_exceeded, insufficient_quota, model_not_found...). */
  code?: string;
  message: string;
  /** Response headers, names lower-cased. */
  headers?: Record<string, string>;
  /** Google: the quota ids a 429 names (`google.rpc.QuotaFailure`), e.g. GenerateRequestsPerMinutePerProjectPerModel. */
  quotaIds?: string[];
  /** Google: `google.rpc.RetryInfo.retryDelay` of the body, a protobuf duration like `26s` or `0.350s`. */
  retryDelay?: string;
  /** Set when no HTTP response arrived. */
  connection?: 'timeout' | 'reset' | 'aborted' | 'other';
}

export interface Classification {
  failureClass: ModelFailureClass;
  retryAfterMs?: number;
  /** Which table row matched: for logs and tests. */
  rule: string;
  /** What the operator can do about it. */
  hint: string;
}

interface Rule {
  rule: string;
  then: ModelFailureClass;
  hint: string;
  /** Any listed field must match (fields combine with AND). */
  status?: (s: number | undefined) => boolean;
  typeOrCode?: string[];
  message?: RegExp;
  connection?: boolean;
  /** 429s that name only per-minute quotas (Gemini, Vertex): a rate window, whatever the wording says. */
  minuteQuotaOnly?: boolean;
}

const is = (...codes: number[]) => (s: number | undefined) => s !== undefined && codes.includes(s);
const range = (lo: number, hi: number) => (s: number | undefined) => s !== undefined && s >= lo && s <= hi;

// Why exhaustion comes first: OpenAI sends insufficient_quota as a 429 and Anthropic sends the
// credit error as a 400, so status alone would call them a rate limit or a bad request.
const EXHAUSTION_MESSAGE = /credit balance is too low|exceeded your current quota|usage limit reached|insufficient (?:credits?|balance|quota)|billing hard limit/i;

// Gemini words every 429 as quota: "You exceeded your current quota" also for a per-minute
// request or token limit, which resets within the minute and says when (RetryInfo). Only the
// quota ids (or Vertex's metric name) tell a rate window from a daily or zero quota.
const MINUTE_QUOTA = /per[_ ]?minute/i;

/** First match wins. */
export const RULES: readonly Rule[] = [
  { rule: 'connection', connection: true, then: 'transient', hint: 'no response from the API (reset, timeout or refused); retried' },
  {
    rule: 'exhausted-code',
    typeOrCode: ['insufficient_quota', 'billing_error', 'usage_limit_reached', 'billing_hard_limit_reached', 'credit_balance_too_low'],
    then: 'exhausted',
    hint: 'add credits or raise the quota; the run waits and retries the same unit',
  },
  {
    rule: 'minute-quota',
    status: is(429),
    minuteQuotaOnly: true,
    then: 'rate_limited',
    hint: 'per-minute quota (rate limit); the run backs off (honouring the retry delay) and retries',
  },
  { rule: 'exhausted-message', message: EXHAUSTION_MESSAGE, then: 'exhausted', hint: 'add credits or wait for the usage limit to reset; the run waits and retries the same unit' },
  // 529 overloaded is transient (the contract of issue 5): retried with backoff by the activity
  // policy; if it persists the unit becomes an `error` row, excluded from pass@k and re-runnable.
  { rule: 'overloaded', status: is(529), then: 'transient', hint: 'the provider is overloaded; retried with backoff, then recorded as an error row' },
  { rule: 'overloaded-type', typeOrCode: ['overloaded_error'], then: 'transient', hint: 'the provider is overloaded; retried with backoff, then recorded as an error row' },
  { rule: 'rate-limit', status: is(429), then: 'rate_limited', hint: 'rate limit; the run backs off (honouring retry-after) and retries' },
  { rule: 'server', status: (s) => is(408, 409, 425)(s) || range(500, 599)(s), then: 'transient', hint: 'server-side failure; retried, then recorded as an error row' },
  { rule: 'auth', status: is(401), then: 'fatal', hint: 'check the API key (ANTHROPIC_API_KEY / OPENAI_API_KEY / GEMINI_API_KEY)' },
  // Google answers a bad key with 400 INVALID_ARGUMENT, reason API_KEY_INVALID.
  { rule: 'auth-google', status: is(400), message: /API key not valid|API_KEY_INVALID/i, then: 'fatal', hint: 'check the API key (GEMINI_API_KEY / GOOGLE_API_KEY)' },
  { rule: 'permission', status: is(403), then: 'fatal', hint: 'the key may not use this model or endpoint; check the account and model name' },
  { rule: 'not-found', status: is(404), then: 'fatal', hint: 'check the model name in the arm (and base_url for openai-compatible/mock)' },
  { rule: 'bad-request', status: range(400, 499), then: 'fatal', hint: 'the request was rejected; check the arm parameters (temperature range, max_tokens, model)' },
  { rule: 'unknown', then: 'transient', hint: 'unrecognised failure; retried, then recorded as an error row' },
];

function matches(r: Rule, f: ProviderFailure): boolean {
  if (r.connection !== undefined && r.connection !== (f.status === undefined && f.connection !== undefined)) return false;
  if (r.status && !r.status(f.status)) return false;
  if (r.typeOrCode && !r.typeOrCode.some((t) => t === f.type || t === f.code)) return false;
  if (r.message && !r.message.test(f.message)) return false;
  if (r.minuteQuotaOnly && !minuteQuotaOnly(f)) return false;
  return true;
}

function minuteQuotaOnly(f: ProviderFailure): boolean {
  if (f.quotaIds?.length) return f.quotaIds.every((id) => MINUTE_QUOTA.test(id));
  return /quota exceeded for[^\n]*per[_ ]?minute/i.test(f.message);
}

export function classify(f: ProviderFailure, now: number = Date.now()): Classification {
  const r = RULES.find((rule) => matches(rule, f)) ?? RULES[RULES.length - 1]!;
  const out: Classification = { failureClass: r.then, rule: r.rule, hint: r.hint };
  if (r.then === 'rate_limited' || r.then === 'exhausted') {
    const ms = retryAfterMs(f.headers ?? {}, f.message, now) ?? (f.retryDelay ? finite(parseDuration(f.retryDelay)) : undefined);
    if (ms !== undefined) out.retryAfterMs = ms;
  }
  return out;
}

const finite = (ms: number) => (Number.isFinite(ms) ? clamp(ms) : undefined);

const MAX_WAIT_MS = 24 * 3600_000;
const clamp = (ms: number) => Math.min(MAX_WAIT_MS, Math.max(0, Math.round(ms)));

/**
 * How long the provider asks us to wait, from (in order): `retry-after-ms`, `retry-after`
 * (seconds or HTTP date), Anthropic `anthropic-ratelimit-*-reset` (RFC 3339), OpenAI
 * `x-ratelimit-reset-*` (Go durations like `6m0s`), and finally hints in the message
 * ("Please try again in 1.604s", "usage limit reached|<epoch seconds>").
 */
export function retryAfterMs(headers: Record<string, string>, message: string, now: number): number | undefined {
  const h = (k: string) => headers[k];
  const ms = Number(h('retry-after-ms'));
  if (h('retry-after-ms') && Number.isFinite(ms)) return clamp(ms);
  const ra = h('retry-after');
  if (ra) {
    const secs = Number(ra);
    if (Number.isFinite(secs)) return clamp(secs * 1000);
    const date = Date.parse(ra);
    if (Number.isFinite(date)) return clamp(date - now);
  }
  const fromResets =
    resetWait(headers, /^anthropic-ratelimit-(.+)-reset$/, (v) => Date.parse(v) - now, (k) => `anthropic-ratelimit-${k}-remaining`) ??
    resetWait(headers, /^x-ratelimit-reset-(.+)$/, parseDuration, (k) => `x-ratelimit-remaining-${k}`);
  if (fromResets !== undefined) return clamp(fromResets);
  const tryAgain = /try again in ((?:\d+(?:\.\d+)?(?:ms|h|m|s))+)/i.exec(message);
  if (tryAgain) {
    const d = parseDuration(tryAgain[1]!);
    if (Number.isFinite(d)) return clamp(d);
  }
  const epoch = /usage limit reached\|(\d{9,11})/i.exec(message);
  if (epoch) return clamp(Number(epoch[1]) * 1000 - now);
  return undefined;
}

/** Of the limits that ran out (remaining 0) the latest reset; else the earliest reset given. */
function resetWait(
  headers: Record<string, string>,
  pattern: RegExp,
  toMs: (v: string) => number,
  remainingHeader: (kind: string) => string,
): number | undefined {
  const spent: number[] = [];
  const all: number[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const m = pattern.exec(name);
    if (!m) continue;
    const ms = toMs(value);
    if (!Number.isFinite(ms)) continue;
    all.push(ms);
    if (headers[remainingHeader(m[1]!)] === '0') spent.push(ms);
  }
  if (spent.length) return Math.max(...spent);
  if (all.length) return Math.min(...all);
  return undefined;
}

/** Go-style durations as OpenAI sends them: `1s`, `6m0s`, `120ms`, `1.604s`, `1h2m3s`. */
export function parseDuration(s: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const n = Number(m[1]);
    total += m[2] === 'h' ? n * 3600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n;
    consumed += m[0].length;
  }
  return consumed > 0 && consumed === s.trim().length ? total : NaN;
}
