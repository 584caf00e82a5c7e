import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkArmReady, ModelCallError } from '../../models';
import { generate, type GenerateRequest } from '../helpers/solve';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import type { Arm } from '../../config/run-config';
import type { Task } from '../../config/task';

// Two small tasks: a HumanEval-style completion with a helper in the prompt, and an instruct one.
const completion: Task = {
  task_id: 'T/0',
  prompt: 'import math\n\n\ndef helper(x):\n    return x * 2\n\n\ndef double_sqrt(n: int) -> float:\n    """Return helper(sqrt(n))."""\n',
  entry_point: 'double_sqrt',
  canonical_solution: '    return helper(math.sqrt(n))\n',
  test_code: 'def check(candidate):\n    assert candidate(4) == 4.0\n',
  format: 'completion',
};
const instruct: Task = {
  task_id: 'T/1',
  prompt: 'Write a function add_all(xs) that returns the sum of a list of numbers.',
  entry_point: 'add_all',
  canonical_solution: 'def add_all(xs):\n    return sum(xs)\n',
  test_code: 'assert add_all([1, 2]) == 3\n',
  format: 'instruct',
};

const PROVIDERS = ['anthropic/claude-haiku-4-5', 'openai/gpt-4o-mini', 'google/gemini-2.5-flash', 'mock'] as const;
let api: MockApi;
let cacheDir: string;

const arm = (model: string, extra: Partial<Arm> = {}): Arm => ({ name: 'a', model, params: { max_tokens: 256 }, base_url: api.url, ...extra });
const req = (model: string, over: Partial<GenerateRequest> = {}): GenerateRequest => ({ task: completion, arm: arm(model), sampleIndex: 0, useCache: false, timeoutMs: 5000, ...over });

async function failure(p: Promise<unknown>): Promise<ModelCallError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ModelCallError);
  return e as ModelCallError;
}

async function postConfig(body: object) {
  const r = await fetch(`${api.url}/__config`, { method: 'POST', body: JSON.stringify(body) });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  api = await startMockApi({ tasks: [completion, instruct] });
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-cache-'));
  process.env.GAUNTLET_CACHE_DIR = cacheDir;
  process.env.ANTHROPIC_API_KEY = 'test-key';
  process.env.OPENAI_API_KEY = 'test-key';
  process.env.GEMINI_API_KEY = 'test-key';
});
afterAll(async () => {
  await api.close();
  rmSync(cacheDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${api.url}/__reset`, { method: 'POST' });
  api.configure({ faults: '', answers: 'canonical' });
});

describe.each(PROVIDERS)('%s through the simulated API', (model) => {
  it('extracts the canonical program, with the prompt preamble (imports, helpers)', async () => {
    const g = await generate(req(model));
    expect(g.reason).toBeUndefined();
    expect(g.program).toContain('import math');
    expect(g.program).toContain('def helper(x)');
    expect(g.program).toContain('return helper(math.sqrt(n))');
    expect(g.tokens_in).toBeGreaterThan(0);
    expect(g.tokens_out).toBeGreaterThan(0);
    expect(g.cost_usd).toBeGreaterThan(0);
    expect(g.cached).toBe(false);
    expect(api.stats().ok).toBe(1);
  });

  it('answers an instruct task with the whole solution as program', async () => {
    const g = await generate(req(model, { task: instruct }));
    expect(g.program).toBe('def add_all(xs):\n    return sum(xs)\n');
  });

  it('reports no_code for a prose answer', async () => {
    api.configure({ answers: 'nocode' });
    const g = await generate(req(model));
    expect(g.program).toBeNull();
    expect(g.reason).toBe('no_code');
  });

  it.each([
    ['429', 'rate_limited'],
    ['quota', 'exhausted'],
    ['529', 'transient'],
    ['500', 'transient'],
    ['reset', 'transient'],
  ] as const)('fault %s → %s', async (kind, cls) => {
    api.configure({ faults: `${kind}:1-1` });
    const e = await failure(generate(req(model)));
    expect(e.failureClass).toBe(cls);
    if (kind === '429') expect(e.retryAfterMs).toBe(1000);
    expect(api.stats().faults[kind]).toBe(1);
    // Request 2 is past the fault range: the same unit now succeeds.
    expect((await generate(req(model))).program).toContain('math.sqrt');
  });
});

describe('faults and recovery', () => {
  it('a hung request ends as transient after the request timeout', async () => {
    api.configure({ faults: 'hang:1-1' });
    const e = await failure(generate(req('openai/gpt-4o-mini', { timeoutMs: 300 })));
    expect(e.failureClass).toBe('transient');
    expect(e.message).toMatch(/timed? ?out/i);
    expect(api.stats().faults.hang).toBe(1);
  });

  it('a hung google request ends as transient (timeout), not as a caller abort', async () => {
    api.configure({ faults: 'hang:1-1' });
    const e = await failure(generate(req('google/gemini-2.5-flash', { timeoutMs: 300 })));
    expect(e.failureClass).toBe('transient');
    expect(e.message).toMatch(/timeout|timed out/i);
    expect((await generate(req('google/gemini-2.5-flash'))).program).toContain('math.sqrt');
  });

  it('a quota fault cleared mid-run through POST /__config lets the unit succeed', async () => {
    await postConfig({ faults: 'quota:p1' });
    expect((await failure(generate(req('anthropic/claude-haiku-4-5')))).failureClass).toBe('exhausted');
    expect((await failure(generate(req('anthropic/claude-haiku-4-5')))).failureClass).toBe('exhausted');
    await postConfig({ faults: '' });
    expect((await generate(req('anthropic/claude-haiku-4-5'))).program).toContain('math.sqrt');
    const stats = (await (await fetch(`${api.url}/__stats`)).json()) as { total: number; ok: number; faults: { quota: number } };
    expect(stats).toMatchObject({ total: 3, ok: 1, faults: { quota: 2 } });
  });

  it('--rate-limit answers 429 with a retry-after once the window is full', async () => {
    api.configure({ rate_limit: 1 });
    try {
      const results = await Promise.allSettled([1, 2, 3].map(() => generate(req('mock'))));
      const limited = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as ModelCallError);
      expect(limited.length).toBeGreaterThanOrEqual(2);
      for (const e of limited) {
        expect(e.failureClass).toBe('rate_limited');
        expect(e.retryAfterMs).toBeGreaterThan(0);
        expect(e.retryAfterMs).toBeLessThanOrEqual(1000);
      }
      expect(api.stats().rate_limited).toBe(limited.length);
    } finally {
      api.configure({ rate_limit: null });
    }
  });
});

describe('response cache', () => {
  it('a repeated call with the cache on makes no request; errors are never cached', async () => {
    const r = req('openai/gpt-4o-mini', { useCache: true, sampleIndex: 7 });
    api.configure({ faults: '500:1-1' });
    await failure(generate(r));
    const first = await generate(r);
    expect(first.cached).toBe(false);
    expect(api.stats().total).toBe(2);
    const again = await generate(r);
    expect(again.cached).toBe(true);
    expect(again.cost_usd).toBe(0);
    expect(again.program).toBe(first.program);
    expect(api.stats().total).toBe(2);
    // Another sample index is another answer: it goes to the API.
    await generate({ ...r, sampleIndex: 8 });
    expect(api.stats().total).toBe(3);
    // useCache false bypasses the cache.
    await generate({ ...r, useCache: false });
    expect(api.stats().total).toBe(4);
  });
});

describe('offline providers and configuration', () => {
  it('replays recorded answers by task and sample, and fails fatally on a missing one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-replay-'));
    const file = path.join(dir, 'results.jsonl');
    const row = { run_id: 'r', phase: 'bench', arm: 'old', status: 'passed', score: 1, duration_ms: 1, recorded_at: '2025-01-01T00:00:00Z' };
    writeFileSync(
      file,
      [
        JSON.stringify({ meta: { run_id: 'r', started_at: 'x', config: {} } }),
        JSON.stringify({ ...row, task_id: 'T/0', sample: 0, answer: '```python\ndef double_sqrt(n):\n    return 42\n```' }),
      ].join('\n') + '\n',
    );
    try {
      const g = await generate({ ...req(`replay:${file}`), useCache: true });
      expect(g.program).toContain('return 42');
      expect(g.program).toContain('def helper(x)');
      expect(g.cost_usd).toBe(0);
      const e = await failure(generate(req(`replay:${file}`, { sampleIndex: 1 })));
      expect(e.failureClass).toBe('fatal');
      expect(e.message).toContain(file);
      expect(e.message).toContain('T/0');
      expect(api.stats().total).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the google key from GEMINI_API_KEY or GOOGLE_API_KEY and names both when neither is set', () => {
    const saved = process.env.GEMINI_API_KEY;
    delete process.env.GEMINI_API_KEY;
    try {
      expect(() => checkArmReady(arm('google/gemini-2.5-flash'))).toThrow(/neither GEMINI_API_KEY nor GOOGLE_API_KEY is set/);
      process.env.GOOGLE_API_KEY = 'test-key';
      expect(() => checkArmReady(arm('google/gemini-2.5-flash'))).not.toThrow();
    } finally {
      delete process.env.GOOGLE_API_KEY;
      process.env.GEMINI_API_KEY = saved;
    }
  });

  it('names the missing key, base_url or replay file', () => {
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      expect(() => checkArmReady(arm('anthropic/claude-haiku-4-5'))).toThrow(/ANTHROPIC_API_KEY is not set/);
    } finally {
      process.env.ANTHROPIC_API_KEY = saved;
    }
    expect(() => checkArmReady(arm('anthropic/claude-haiku-4-5'))).not.toThrow();
    expect(() => checkArmReady(arm('openai-compatible/llama', { base_url: undefined }))).toThrow(/base_url/);
    expect(() => checkArmReady(arm('replay:/nonexistent/results.jsonl'))).toThrow(/does not exist/);
    expect(() => checkArmReady(arm('reference'))).not.toThrow();
  });

  it('a missing key surfaces from the solver\'s generate as a fatal ModelCallError', async () => {
    const saved = process.env.OPENAI_API_KEY;
    delete process.env.OPENAI_API_KEY;
    try {
      const e = await failure(generate(req('openai/gpt-4o-mini')));
      expect(e.failureClass).toBe('fatal');
      expect(e.message).toContain('OPENAI_API_KEY');
    } finally {
      process.env.OPENAI_API_KEY = saved;
    }
  });
});
