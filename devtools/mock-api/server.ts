import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import type { Task } from '../../config/task';
import type { Sample } from '../../eval/types';
import { answerText, chooseAnswer, parseAnswerMode, type AnswerKind, type AnswerMode } from './answers';
import { AgentError, agentFor, parseAgents, playAgent, type Agent } from './agents';
import { faultFor, parseFaults, type FaultKind, type FaultRule } from './faults';
import { loadMockKnowledge } from './load-tasks';
import { qaAnswerText } from './qa-answers';
import { matchQuestion, questionIndex } from './questions';
import { matchTask } from './tasks';
import * as wire from './wire';

/**
 * The simulated model API: Anthropic `POST /v1/messages`, OpenAI `POST /v1/chat/completions`
 * and Google `POST /v1beta/models/{model}:generateContent` on 127.0.0.1, so the official SDKs
 * run unchanged against scripted answers, scripted tool-using agents (agents.ts) and faults.
 * Control routes: `GET /__stats`, `GET /__requests` (the request log), `POST /__config` ({faults,
 * answers, latency_ms, rate_limit, retry_after_ms, agents}), `POST /__reset` (zero the stats, the log and the
 * request ordinal).
 */
export interface MockApiOptions {
  /** 0 or absent: a free port. */
  port?: number;
  latencyMs?: number;
  answers?: string;
  faults?: string;
  /** Code tasks and question samples (BBH) to answer; else loaded from `suite` / `data` (see load-tasks.ts). */
  tasks?: Task[];
  questions?: Sample[];
  suite?: string;
  data?: string;
  /** Answer 429 when more than this many requests arrived in the last second. */
  rateLimit?: number;
  /**
   * Scripted agents by name: a request whose model is a name here is answered by that agent;
   * `default` answers any other request that offers tools. Requests without an agent get `answers`.
   */
  agents?: Record<string, Agent>;
}

export interface MockApiStats {
  total: number;
  ok: number;
  faults: Record<FaultKind, number>;
  /** 429s from --rate-limit (not from the fault plan). */
  rate_limited: number;
  /** Requests that named no known task (answered 400). */
  unmatched: number;
  answers: Record<AnswerKind, number>;
  by_api: Record<wire.Api, number>;
  /** Turns answered by scripted agents, by agent name. */
  agent_turns: Record<string, number>;
  /** Tool calls the agents made (malformed ones included). */
  tool_calls: number;
}

/**
 * One model request as the simulated API saw it, in arrival order: tests read the timeline from
 * it (no request of a provider while it is held) and who paid for what (one answer per
 * episode and turn: `seed` tells episodes apart when the arm sets one, `turn` is the agent's step).
 */
export interface MockRequest {
  /** Arrival, epoch ms. */
  at_ms: number;
  api: wire.Api;
  /** `ok` (answered), a fault kind, `rate_limited` (--rate-limit), `bad_request` or `unmatched`. */
  outcome: 'ok' | FaultKind | 'rate_limited' | 'bad_request' | 'unmatched';
  model?: string;
  agent?: string;
  turn?: number;
  seed?: number;
}
/** The log keeps the latest requests only, so a long-running simulated API stays small. */
const MAX_LOGGED_REQUESTS = 100_000;

export interface MockApiConfig {
  faults?: string;
  answers?: string;
  latency_ms?: number;
  rate_limit?: number | null;
  /** The retry-after of fault-plan 429s (default FAULT_RETRY_AFTER_MS). */
  retry_after_ms?: number;
  /** Replaces the scripted agents: `{name: script}` or one script (as `default`); in-process, functions too. */
  agents?: unknown;
}

export interface MockApi {
  url: string;
  port: number;
  stats(): MockApiStats;
  /** The request log since start or the last reset (the latest MAX_LOGGED_REQUESTS). */
  requests(): MockRequest[];
  configure(c: MockApiConfig): void;
  close(): Promise<void>;
}

const emptyStats = (): MockApiStats => ({
  total: 0,
  ok: 0,
  faults: { '429': 0, quota: 0, '529': 0, '500': 0, hang: 0, reset: 0 },
  rate_limited: 0,
  unmatched: 0,
  answers: { canonical: 0, wrong: 0, nocode: 0 },
  by_api: { anthropic: 0, openai: 0, google: 0 },
  agent_turns: {},
  tool_calls: 0,
});

const FAULT_RETRY_AFTER_MS = 1000;
const GOOGLE_ROUTE = /^\/v1(?:beta|alpha)?\/models\/([^/:]+):generateContent$/;
const MAX_BODY = 8 * 1024 * 1024;

export async function startMockApi(opts: MockApiOptions = {}): Promise<MockApi> {
  const known = opts.tasks || opts.questions ? { tasks: opts.tasks ?? [], questions: opts.questions ?? [] } : await loadMockKnowledge(opts.suite, opts.data);
  const tasks = known.tasks;
  const questions = questionIndex(known.questions);
  let faults: FaultRule[] = parseFaults(opts.faults);
  let faultsSince = Date.now();
  let answers: AnswerMode = parseAnswerMode(opts.answers);
  let latencyMs = opts.latencyMs ?? 0;
  let retryAfterMs = FAULT_RETRY_AFTER_MS;
  let rateLimit = opts.rateLimit;
  let agents = new Map<string, Agent>(Object.entries(parseAgents(opts.agents ?? {}, 'mock-api agents')));
  let stats = emptyStats();
  let log: MockRequest[] = [];
  let ordinal = 0;
  const arrivals: number[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const configure = (c: MockApiConfig) => {
    // Parse everything first so a bad request changes nothing.
    const f = c.faults !== undefined ? parseFaults(c.faults) : faults;
    const a = c.answers !== undefined ? parseAnswerMode(c.answers) : answers;
    if (c.latency_ms !== undefined && !(c.latency_ms >= 0)) throw new Error('latency_ms must be a number >= 0');
    if (c.retry_after_ms !== undefined && !(c.retry_after_ms >= 1)) throw new Error('retry_after_ms must be a number >= 1');
    if (c.rate_limit != null && !(c.rate_limit > 0)) throw new Error('rate_limit must be a positive number or null');
    const g: Record<string, Agent> | undefined = c.agents !== undefined ? parseAgents(c.agents, 'POST /__config agents') : undefined;
    faults = f;
    // A new fault plan's ordinals (KIND:A-B) count from the moment it is installed.
    if (c.faults !== undefined) {
      ordinal = 0;
      faultsSince = Date.now();
    }
    answers = a;
    if (c.latency_ms !== undefined) latencyMs = c.latency_ms;
    if (c.retry_after_ms !== undefined) retryAfterMs = c.retry_after_ms;
    if (c.rate_limit !== undefined) rateLimit = c.rate_limit ?? undefined;
    if (g) agents = new Map(Object.entries(g));
  };

  const send = (res: http.ServerResponse, r: wire.WireResponse, delay: number) => {
    const write = () => {
      if (res.destroyed) return;
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(JSON.stringify(r.body));
    };
    if (delay <= 0) return write();
    const t = setTimeout(() => {
      timers.delete(t);
      write();
    }, delay);
    timers.add(t);
  };

  /** Sliding one-second window over arrivals; returns the wait until a slot frees, or 0. */
  const overRateLimit = (now: number): number => {
    arrivals.push(now);
    while (arrivals.length && arrivals[0]! <= now - 1000) arrivals.shift();
    if (rateLimit === undefined || arrivals.length <= rateLimit) return 0;
    return Math.max(1, arrivals[arrivals.length - 1 - rateLimit]! + 1000 - now);
  };

  const handleModelCall = (api: wire.Api, raw: string, req: http.IncomingMessage, res: http.ServerResponse, urlModel?: string) => {
    const format = wire.FORMATS[api];
    const n = ++ordinal;
    stats.total++;
    stats.by_api[api]++;
    const entry: MockRequest = { at_ms: Date.now(), api, outcome: 'ok' };
    log.push(entry);
    if (log.length > MAX_LOGGED_REQUESTS) log = log.slice(-MAX_LOGGED_REQUESTS / 2);
    const wait = overRateLimit(Date.now());
    if (wait > 0) {
      entry.outcome = 'rate_limited';
      stats.rate_limited++;
      return send(res, format.rateLimit(wait, true), 0);
    }
    // Faults come before the body is read: they hit tool turns and plain turns alike.
    const fault = faultFor(faults, n, (Date.now() - faultsSince) / 1000);
    if (fault) {
      entry.outcome = fault;
      stats.faults[fault]++;
      switch (fault) {
        case 'hang':
          return; // never answer; the client's timeout ends it, close() cleans up
        case 'reset':
          req.socket.destroy();
          return;
        case '429':
          return send(res, format.rateLimit(retryAfterMs, false), latencyMs);
        case 'quota':
          return send(res, format.quota(), latencyMs);
        case '529':
          return send(res, format.overloaded(), latencyMs);
        case '500':
          return send(res, format.serverError(), latencyMs);
      }
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      entry.outcome = 'bad_request';
      return send(res, format.badRequest('mock-api: the request body is not JSON'), 0);
    }
    if (body.stream === true) return (entry.outcome = 'bad_request'), send(res, format.badRequest('mock-api: streaming is not simulated; send stream: false'), 0);
    const conv = format.read(body, urlModel);
    entry.model = conv.model;
    if (conv.seed !== undefined) entry.seed = conv.seed;
    const question = matchQuestion(questions, conv.text);
    const task = question ? undefined : matchTask(tasks, conv.text);
    const scripted = agentFor(agents, conv);
    if (scripted) {
      let turn: wire.MockTurn;
      try {
        turn = playAgent(scripted.agent, { ...conv, ...(task ? { task } : {}), ...(conv.results.length ? { last_result: conv.results[conv.results.length - 1] } : {}) });
      } catch (e) {
        if (!(e instanceof AgentError)) throw e;
        entry.outcome = 'bad_request';
        return send(res, format.badRequest(`mock-api: agent "${scripted.name}": ${e.message}`), 0);
      }
      stats.ok++;
      entry.agent = scripted.name;
      entry.turn = conv.assistant_turns;
      stats.agent_turns[scripted.name] = (stats.agent_turns[scripted.name] ?? 0) + 1;
      stats.tool_calls += turn.calls?.length ?? 0;
      const out = [turn.text ?? '', ...(turn.calls ?? []).map((c) => c.raw_args ?? JSON.stringify(c.args ?? {}))].join('\n');
      return send(res, format.ok(conv.model, turn, wire.approxTokens(conv.text), wire.approxTokens(out)), latencyMs);
    }
    if (!task && !question) {
      entry.outcome = 'unmatched';
      stats.unmatched++;
      return send(
        res,
        format.badRequest(`mock-api: no loaded task matches this request (${tasks.length} tasks, ${questions.size} questions loaded); start the mock with the suite the run uses (--suite / --data)`),
        0,
      );
    }
    const kind = chooseAnswer(answers, question?.id ?? task!.task_id, requestSeed(conv.seed, raw, req));
    stats.answers[kind]++;
    stats.ok++;
    const answer = question ? qaAnswerText(kind, question) : answerText(kind, task!);
    send(res, format.ok(conv.model, { text: answer }, wire.approxTokens(conv.text), wire.approxTokens(answer)), latencyMs);
  };

  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0]!;
    if (req.method === 'GET' && url === '/__stats') return json(res, 200, stats);
    if (req.method === 'GET' && url === '/__requests') return json(res, 200, log);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      if (req.method !== 'POST') return json(res, 405, { error: { message: `mock-api: ${req.method} ${url} is not served` } });
      if (url === '/v1/messages') return handleModelCall('anthropic', raw, req, res);
      if (url === '/v1/chat/completions' || url === '/chat/completions') return handleModelCall('openai', raw, req, res);
      const gemini = GOOGLE_ROUTE.exec(url);
      if (gemini) return handleModelCall('google', raw, req, res, decodeURIComponent(gemini[1]!));
      if (url === '/__config') {
        try {
          configure(raw ? (JSON.parse(raw) as MockApiConfig) : {});
          return json(res, 200, { ok: true });
        } catch (e) {
          return json(res, 400, { error: { message: (e as Error).message } });
        }
      }
      if (url === '/__reset') {
        stats = emptyStats();
        log = [];
        ordinal = 0;
        arrivals.length = 0;
        return json(res, 200, { ok: true });
      }
      json(res, 404, { error: { message: `mock-api: no route ${url}; served: POST /v1/messages, POST /v1/chat/completions, POST /v1beta/models/MODEL:generateContent, GET /__stats, GET /__requests, POST /__config, POST /__reset` } });
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => structuredClone(stats),
    requests: () => structuredClone(log),
    configure,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests and idle keep-alive sockets
      }),
  };
}

/**
 * What makes one request's draw distinct: the request's seed when it has one (OpenAI), else a
 * hash of the body (which differs per solver prompt) and of the sample index the provider sends
 * to loopback servers in x-gauntlet-sample (Anthropic has no seed, and pass@k samples of one
 * prompt have the same body).
 */
function requestSeed(seed: number | undefined, raw: string, req: http.IncomingMessage): string {
  if (seed !== undefined) return String(seed);
  const sample = req.headers['x-gauntlet-sample'];
  return createHash('sha1').update(raw).update(typeof sample === 'string' ? `\n${sample}` : '').digest('hex');
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
