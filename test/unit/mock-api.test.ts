import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAgentFile, parseAnswerMode, parseFaults, startMockApi, type MockApi } from '../../devtools/mock-api';
import { faultFor } from '../../devtools/mock-api/faults';
import { matchTask } from '../../devtools/mock-api/tasks';
import type { Task } from '../../config/task';

const tasks: Task[] = Array.from({ length: 4 }, (_, i) => ({
  task_id: `M/${i}`,
  prompt: `def f${i}(x):\n    """Return x + ${i}."""\n`,
  entry_point: `f${i}`,
  canonical_solution: `    return x + ${i}\n`,
  test_code: `def check(candidate):\n    assert candidate(1) == ${1 + i}\n`,
  format: 'completion' as const,
}));

let api: MockApi;
let client: OpenAI;
beforeAll(async () => {
  api = await startMockApi({ tasks, answers: 'rate:0.5' });
  client = new OpenAI({ apiKey: 'mock', baseURL: `${api.url}/v1`, maxRetries: 0, timeout: 5000 });
});
afterAll(() => api.close());

const ask = (i: number, seed?: number) =>
  client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: `Complete:\n${tasks[i]!.prompt}` }], ...(seed !== undefined ? { seed } : {}) });

describe('fault and answer specs', () => {
  it('parses ranges, single ordinals and probabilities; first match wins', () => {
    const rules = parseFaults('429:1-2,hang:3,500:p1');
    expect([1, 2, 3, 4].map((n) => faultFor(rules, n))).toEqual(['429', '429', 'hang', '500']);
    expect(faultFor(parseFaults('reset:p0'), 1)).toBeUndefined();
    expect(parseFaults('')).toEqual([]);
  });

  it('probability faults are deterministic and near their rate', () => {
    const rules = parseFaults('quota:p0.3');
    const hits = Array.from({ length: 1000 }, (_, i) => faultFor(rules, i + 1)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(240);
    expect(hits).toBeLessThan(360);
    expect(Array.from({ length: 50 }, (_, i) => faultFor(rules, i + 1))).toEqual(Array.from({ length: 50 }, (_, i) => faultFor(rules, i + 1)));
  });

  it('rejects bad specs with the accepted forms', () => {
    expect(() => parseFaults('404:1-2')).toThrow(/KIND one of 429, quota, 529, 500, hang, reset/);
    expect(() => parseFaults('429:5-2')).toThrow(/A <= B/);
    expect(() => parseAnswerMode('rate:2')).toThrow(/canonical, wrong, nocode or rate:P/);
  });
});

describe('task matching', () => {
  it('finds the task by prompt, else by def <entry_point>(', () => {
    expect(matchTask(tasks, `please ${tasks[2]!.prompt} thanks`)?.task_id).toBe('M/2');
    expect(matchTask(tasks, 'def f3(y): ...')?.task_id).toBe('M/3');
    expect(matchTask(tasks, 'nothing')).toBeUndefined();
  });
});

describe('simulated API over HTTP', () => {
  it('rate:P answers canonical or wrong deterministically per task and seed, with usage', async () => {
    const a = await ask(1, 5);
    const b = await ask(1, 5);
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(a.usage!.prompt_tokens).toBeGreaterThan(0);
    const kinds = await Promise.all(Array.from({ length: 16 }, (_, s) => ask(0, s).then((r) => r.choices[0]!.message.content!)));
    const canonical = kinds.filter((t) => !t.includes('return None')).length;
    expect(canonical).toBeGreaterThan(0);
    expect(canonical).toBeLessThan(16);
    const s = api.stats();
    expect(s.answers.canonical + s.answers.wrong).toBe(18);
    expect(s.ok).toBe(18);
  });

  it('answers 400 naming the problem for an unknown task, and counts it', async () => {
    const before = api.stats().unmatched;
    await expect(client.chat.completions.create({ model: 'mock', messages: [{ role: 'user', content: 'hello' }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/no loaded task matches/),
    });
    expect(api.stats().unmatched).toBe(before + 1);
  });

  it('POST /__config validates and applies; GET /__stats reports counts', async () => {
    const bad = await fetch(`${api.url}/__config`, { method: 'POST', body: JSON.stringify({ faults: 'nope' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/not understood/);
    await fetch(`${api.url}/__reset`, { method: 'POST' });
    expect((await fetch(`${api.url}/__config`, { method: 'POST', body: JSON.stringify({ faults: '500:1', answers: 'wrong' }) })).status).toBe(200);
    await expect(ask(0)).rejects.toMatchObject({ status: 500 });
    expect((await ask(0)).choices[0]!.message.content).toContain('return None');
    const stats = (await (await fetch(`${api.url}/__stats`)).json()) as Record<string, unknown>;
    expect(stats).toMatchObject({ total: 2, ok: 1, faults: { '500': 1 }, answers: { wrong: 1 } });
  });
});

describe('agent scripts from a file or a built-in set (gauntlet mock-api --agent)', () => {

  it('plays the named script by model name and the default one for other tool requests', async () => {
    const agentApi = await startMockApi({ tasks, agents: loadAgentFile('tool-demo') });
    try {
      const c = new OpenAI({ apiKey: 'mock', baseURL: `${agentApi.url}/v1`, maxRetries: 0, timeout: 5000 });
      const tools = ['python_expression', 'submit_code'].map((name) => ({ type: 'function' as const, function: { name, parameters: { type: 'object' } } }));
      const user = { role: 'user' as const, content: `Fix:\n${tasks[1]!.prompt}` };
      const t1 = (await c.chat.completions.create({ model: 'probe-then-submit', messages: [user], tools })).choices[0]!.message;
      expect(t1.tool_calls![0]).toMatchObject({ function: { name: 'python_expression', arguments: '{"expression":"1 + 1"}' } });
      const t2 = (
        await c.chat.completions.create({
          model: 'probe-then-submit',
          messages: [user, { role: 'assistant', content: t1.content, tool_calls: t1.tool_calls }, { role: 'tool', tool_call_id: t1.tool_calls![0]!.id, content: '2' }],
          tools,
        })
      ).choices[0]!.message;
      expect(t2.content).toBe('It printed 2; submitting.');
      expect((t2.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall).function).toEqual({ name: 'submit_code', arguments: JSON.stringify({ code: tasks[1]!.canonical_solution }) });
      const other = (await c.chat.completions.create({ model: 'any-model', messages: [user], tools })).choices[0]!.message;
      expect((other.tool_calls![0] as OpenAI.Chat.ChatCompletionMessageFunctionToolCall).function.arguments).toBe('{"expression":"turn 0"}');
      expect(agentApi.stats()).toMatchObject({ agent_turns: { 'probe-then-submit': 2, default: 1 }, tool_calls: 3 });
    } finally {
      await agentApi.close();
    }
  });

  it('names the file and the path inside it for a bad script', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-agent-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ steps: [{ calls: [{ tool: 'x', argz: {} }] }] }));
    expect(() => loadAgentFile(bad)).toThrow(new RegExp(`--agent ${bad}: at steps\\.0\\.calls\\.0: .*argz`));
    expect(() => loadAgentFile(path.join(dir, 'missing.json'))).toThrow(/file not found \(built-in sets: .*tool-demo/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gauntlet mock-api --help documents google and --agent', async () => {
    const { stdout } = await execa(process.execPath, [path.join(import.meta.dirname, '../../bin/gauntlet.js'), 'mock-api', '--help']);
    expect(stdout).toMatch(/Google \(\/v1beta\/models\/M:generateContent\)/);
    expect(stdout).toContain('google/<model>');
    expect(stdout).toMatch(/--agent <FILE\|NAME>/);
  });
});
