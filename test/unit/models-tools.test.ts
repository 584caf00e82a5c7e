import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assistantMessage, type ChatMessage, type ChatRequest, type ToolDef } from '../../models/chat';
import { callModel } from '../../models/call';
import { cacheKey } from '../../models/cache';
import { resolveModel } from '../../models/providers';
import { ModelCallError } from '../../models/types';
import { startMockApi, type AgentView, type MockApi, type MockTurn } from '../../devtools/mock-api';
import type { Task } from '../../config/task';
import { makeGenerate } from '../../eval/generate';
import { initialState } from '../../eval/state';

// Tool-call round trips through each official SDK against the simulated API: the scripted
// agent sees the request as the SDK put it on the wire, the provider parses the answer back.

const task: Task = {
  task_id: 'T/0',
  prompt: 'def add(a, b):\n    """Return a + b."""\n',
  entry_point: 'add',
  canonical_solution: '    return a + b\n',
  test_code: 'def check(candidate):\n    assert candidate(1, 2) == 3\n',
  format: 'completion',
};

const PYTHON: ToolDef = {
  name: 'python_expression',
  description: 'Evaluate a Python expression and return its value.',
  parameters: { type: 'object', properties: { expression: { type: 'string' } }, required: ['expression'] },
};
const SUBMIT: ToolDef = {
  name: 'submit_code',
  description: 'Submit the final code.',
  parameters: { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] },
};

const MODELS = {
  anthropic: 'anthropic/claude-haiku-4-5',
  openai: 'openai/gpt-4o-mini',
  google: 'google/gemini-2.5-flash',
} as const;
type Api = keyof typeof MODELS;
const modelName = (api: Api) => MODELS[api].split('/')[1]!;

let api: MockApi;
/** Every conversation the agents saw, in arrival order. */
let seen: AgentView[] = [];

beforeAll(async () => {
  api = await startMockApi({ tasks: [task] });
  process.env.ANTHROPIC_API_KEY = 'test-key';
  process.env.OPENAI_API_KEY = 'test-key';
  process.env.GEMINI_API_KEY = 'test-key';
});
afterAll(() => api.close());
beforeEach(async () => {
  await fetch(`${api.url}/__reset`, { method: 'POST' });
  api.configure({ faults: '', answers: 'canonical', agents: {} });
  seen = [];
});

const model = (api_: Api) => resolveModel({ name: 'a', model: MODELS[api_], solver: 'baseline', params: { max_tokens: 256 }, base_url: api.url });
const ctx = { task, sampleIndex: 0, timeoutMs: 5000 };
const call = (api_: Api, req: ChatRequest) => callModel(model(api_), req, ctx, false);
const request = (messages: ChatMessage[], extra: Partial<ChatRequest> = {}): ChatRequest => ({
  system: 'You fix code with tools.',
  messages,
  max_tokens: 256,
  tools: [PYTHON, SUBMIT],
  ...extra,
});
const first: ChatMessage = { role: 'user', content: `Fix this:\n${task.prompt}` };

/** Records what the agent saw, then plays `reply`. */
const recording =
  (reply: (c: AgentView) => MockTurn) =>
  (c: AgentView): MockTurn => {
    seen.push(c);
    return reply(c);
  };

/** The tools as each wire format carries them. */
function offeredSchemas(c: AgentView): { name: string; schema: unknown }[] {
  const b = c.body as Record<string, any>;
  if (c.api === 'anthropic') return b.tools.map((t: any) => ({ name: t.name, schema: t.input_schema }));
  if (c.api === 'openai') return b.tools.map((t: any) => ({ name: t.function.name, schema: t.function.parameters }));
  return b.tools[0].functionDeclarations.map((d: any) => ({ name: d.name, schema: d.parametersJsonSchema }));
}

describe.each(Object.keys(MODELS) as Api[])('%s: tool calls through the official SDK', (wire) => {
  it('offers the tools, returns the call, sends the result back, then reads the final answer', async () => {
    api.configure({
      agents: {
        [modelName(wire)]: recording((c) =>
          c.assistant_turns === 0 ? { text: 'Let me check.', calls: [{ tool: 'python_expression', args: { expression: '1 + 2' } }] } : { text: `The value is ${c.last_result?.content}.` },
        ),
      },
    });
    const r1 = await call(wire, request([first]));
    expect(r1.text).toBe('Let me check.');
    expect(r1.tool_calls).toHaveLength(1);
    const tc = r1.tool_calls![0]!;
    expect(tc).toMatchObject({ name: 'python_expression', arguments: { expression: '1 + 2' } });
    expect(tc.id).toMatch(/\S/);
    expect(tc.invalid_arguments).toBeUndefined();
    expect(r1.tokens_in).toBeGreaterThan(0);
    expect(r1.cost_usd).toBeGreaterThan(0);
    expect(r1.stop_reason).toBe({ anthropic: 'tool_use', openai: 'tool_calls', google: 'STOP' }[wire]);
    if (wire === 'google') expect(tc.signature).toMatch(/\S/);

    const messages: ChatMessage[] = [first, assistantMessage(r1), { role: 'user', content: [{ type: 'tool_result', tool_call_id: tc.id, content: '3' }] }];
    const r2 = await call(wire, request(messages));
    expect(r2.text).toBe('The value is 3.');
    expect(r2.tool_calls).toBeUndefined();

    // What the SDK put on the wire, as the simulated API read it.
    expect(seen).toHaveLength(2);
    expect(offeredSchemas(seen[0]!)).toEqual([
      { name: 'python_expression', schema: PYTHON.parameters },
      { name: 'submit_code', schema: SUBMIT.parameters },
    ]);
    expect(seen[0]!).toMatchObject({ assistant_turns: 0, results: [] });
    expect(seen[1]!).toMatchObject({ assistant_turns: 1, results: [{ tool_call_id: tc.id, content: '3', is_error: false }] });
    expect(seen[1]!.text).toContain('1 + 2'); // the assistant's call went back too
    if (wire === 'google') {
      const model = (seen[1]!.body as any).contents[1];
      expect(model.role).toBe('model');
      expect(model.parts.find((p: any) => p.functionCall).thoughtSignature).toBe(tc.signature);
    }
  });

  it('keeps malformed arguments as sent, and carries a tool error back to the model', async () => {
    api.configure({
      agents: {
        [modelName(wire)]: {
          steps: [{ calls: [{ tool: 'python_expression', raw_args: '{"expression": "1 +' }] }, { text: 'fine', on_error: { text: 'error seen: {{last_result}}' } }],
        },
      },
    });
    const r1 = await call(wire, request([first]));
    const tc = r1.tool_calls![0]!;
    expect(tc.name).toBe('python_expression');
    expect(tc.arguments).toEqual({});
    expect(tc.invalid_arguments).toBe('{"expression": "1 +');
    const r2 = await call(
      wire,
      request([first, assistantMessage(r1), { role: 'user', content: [{ type: 'tool_result', tool_call_id: tc.id, content: 'arguments are not valid JSON', is_error: true }] }]),
    );
    expect(r2.text).toMatch(/^error seen: (Error: )?arguments are not valid JSON$/);
    expect(api.stats().agent_turns[modelName(wire)]).toBe(2);
  });

  it('answers parallel calls with one result each, matched by id', async () => {
    api.configure({
      agents: {
        [modelName(wire)]: recording((c) =>
          c.assistant_turns === 0
            ? { calls: [{ tool: 'python_expression', args: { expression: 'a' } }, { tool: 'python_expression', args: { expression: 'b' } }] }
            : { text: c.results.map((r) => r.content).join('+') },
        ),
      },
    });
    const r1 = await call(wire, request([first], { tool_choice: 'required' }));
    expect(r1.text).toBe('');
    const [a, b] = r1.tool_calls!;
    expect(a!.id).not.toBe(b!.id);
    const results: ChatMessage = {
      role: 'user',
      content: [
        { type: 'tool_result', tool_call_id: a!.id, content: 'A' },
        { type: 'tool_result', tool_call_id: b!.id, content: 'B' },
        { type: 'text', text: 'Both ran.' },
      ],
    };
    const r2 = await call(wire, request([first, assistantMessage(r1), results]));
    expect(r2.text).toBe('A+B');
    expect(seen[1]!.results.map((r) => r.tool_call_id)).toEqual([a!.id, b!.id]);
    expect(seen[1]!.text).toContain('Both ran.');
  });

  it('translates tool_choice', async () => {
    api.configure({ agents: { [modelName(wire)]: recording(() => ({ text: 'ok' })) } });
    for (const choice of ['auto', 'required', 'none', { name: 'submit_code' }] as const) await call(wire, request([first], { tool_choice: choice }));
    const b = seen.map((c) => c.body as Record<string, any>);
    if (wire === 'anthropic') expect(b.map((x) => x.tool_choice)).toEqual([{ type: 'auto' }, { type: 'any' }, { type: 'none' }, { type: 'tool', name: 'submit_code' }]);
    if (wire === 'openai') expect(b.map((x) => x.tool_choice)).toEqual(['auto', 'required', 'none', { type: 'function', function: { name: 'submit_code' } }]);
    if (wire === 'google') {
      expect(b.map((x) => x.toolConfig.functionCallingConfig)).toEqual([{ mode: 'AUTO' }, { mode: 'ANY' }, { mode: 'NONE' }, { mode: 'ANY', allowedFunctionNames: ['submit_code'] }]);
    }
  });

  it('a 429 on a tool turn is rate_limited; the same turn then succeeds', async () => {
    api.configure({
      faults: '429:2',
      agents: { [modelName(wire)]: { steps: [{ calls: [{ tool: 'python_expression', args: { expression: '1' } }] }, { calls: [{ tool: 'submit_code', args: { code: '{{task.canonical_solution}}' } }] }] } },
    });
    const r1 = await call(wire, request([first]));
    const next = request([first, assistantMessage(r1), { role: 'user', content: [{ type: 'tool_result', tool_call_id: r1.tool_calls![0]!.id, content: '1' }] }]);
    const e = await call(wire, next).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ModelCallError);
    expect((e as ModelCallError).failureClass).toBe('rate_limited');
    expect((e as ModelCallError).retryAfterMs).toBe(1000);
    const r2 = await call(wire, next);
    expect(r2.tool_calls![0]).toMatchObject({ name: 'submit_code', arguments: { code: task.canonical_solution } });
    expect(api.stats()).toMatchObject({ total: 3, faults: { '429': 1 }, tool_calls: 2 });
  });
});

describe('scripted agents', () => {
  it('repeat_last loops without submitting; past the end a script says final_text', async () => {
    api.configure({
      agents: {
        'claude-haiku-4-5': { steps: [{ calls: [{ tool: 'python_expression', args: { expression: 'turn {{turn}}' } }] }], repeat_last: true },
        'gpt-4o-mini': { steps: [{ text: 'one' }], final_text: 'done after {{results}} results' },
      },
    });
    let messages: ChatMessage[] = [first];
    for (let i = 0; i < 4; i++) {
      const r = await call('anthropic', request(messages));
      expect(r.tool_calls![0]!.arguments).toEqual({ expression: `turn ${i}` });
      messages = [...messages, assistantMessage(r), { role: 'user', content: [{ type: 'tool_result', tool_call_id: r.tool_calls![0]!.id, content: 'x' }] }];
    }
    expect((await call('openai', request([first]))).text).toBe('one');
    expect((await call('openai', request([first, { role: 'assistant', content: 'one' }, { role: 'user', content: 'go on' }]))).text).toBe('done after 0 results');
  });

  it('`default` answers requests that offer tools; text-only requests still get the answer mode', async () => {
    api.configure({ agents: { steps: [{ text: 'agent here' }] } });
    expect((await call('openai', request([first]))).text).toBe('agent here');
    const plain = await call('openai', { messages: [first], max_tokens: 256 });
    expect(plain.text).toContain('return a + b');
    expect(api.stats().agent_turns).toEqual({ default: 1 });
    expect(api.stats().answers.canonical).toBe(1);
  });

  it('rejects a bad script in POST /__config with where and what, changing nothing', async () => {
    api.configure({ agents: { steps: [{ text: 'kept' }] } });
    const r = await fetch(`${api.url}/__config`, { method: 'POST', body: JSON.stringify({ agents: { loop: { steps: [{ calls: [{ args: {} }] }] } } }) });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(/agents: at loop\.steps\.0\.calls\.0\.tool: .*expected one agent script/);
    expect((await call('openai', request([first]))).text).toBe('kept');
  });

  it('a script that needs a task the mock does not know is answered 400 naming the agent', async () => {
    api.configure({ agents: { steps: [{ text: '{{task.canonical_solution}}' }] } });
    const e = await call('anthropic', request([{ role: 'user', content: 'no task here' }])).then(
      () => null,
      (err: unknown) => err as ModelCallError,
    );
    expect(e?.failureClass).toBe('fatal');
    expect(e?.message).toMatch(/agent "default".*no loaded task matches/);
  });
});

describe('response cache keys', () => {
  it('a text-only request keeps the key it had before tool calls existed', () => {
    // Computed on main before this change: entries already on disk stay valid.
    const key = cacheKey({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      sampleIndex: 3,
      request: { system: 'sys', messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }], max_tokens: 64, temperature: 0.2, seed: 7 },
    });
    expect(key).toBe('2c19204674979d43def6e5f34cfcadee0127eb58f6de3a965f1f4f0386e3b29c');
  });

  it('tools, tool choice and tool results are part of the key', () => {
    const base = { provider: 'openai', model: 'gpt-4o-mini', sampleIndex: 0, request: request([first]) };
    const k = cacheKey(base);
    expect(cacheKey({ ...base, request: { ...base.request, tools: [PYTHON] } })).not.toBe(k);
    expect(cacheKey({ ...base, request: { ...base.request, tool_choice: 'required' } })).not.toBe(k);
    const withResult = (content: string) =>
      cacheKey({ ...base, request: request([first, { role: 'user', content: [{ type: 'tool_result', tool_call_id: 'c1', content }] }]) });
    expect(withResult('1')).not.toBe(withResult('2'));
  });
});

describe('google translation', () => {
  it('a tool result that answers no earlier call is a fatal error naming the call id', async () => {
    const e = await call('google', request([first, { role: 'user', content: [{ type: 'tool_result', tool_call_id: 'nowhere', content: '1' }] }])).then(
      () => null,
      (err: unknown) => err as ModelCallError,
    );
    expect(e?.failureClass).toBe('fatal');
    expect(e?.message).toMatch(/call "nowhere" answers no tool call/);
    expect(api.stats().total).toBe(0);
  });
});

describe('the eval core generate() with tools', () => {
  it('passes tools to the model, appends the tool-call turn and exposes the calls as output', async () => {
    api.configure({
      agents: {
        'gpt-4o-mini': recording((c) =>
          c.assistant_turns === 0 ? { calls: [{ tool: 'submit_code', args: { code: 'x = 1' } }] } : { text: `submitted: ${c.last_result?.content}` },
        ),
      },
    });
    const generate = makeGenerate({ arm: { name: 'a', model: MODELS.openai, solver: 'baseline', params: { max_tokens: 128 }, base_url: api.url }, useCache: false, timeoutMs: 5000 });
    let state = initialState({ id: 'T/0', input: `Fix this:\n${task.prompt}`, metadata: {} }, 0);
    state = await generate(state, { tools: [SUBMIT], tool_choice: { name: 'submit_code' } });
    const tc = state.output.tool_calls![0]!;
    expect(tc).toMatchObject({ name: 'submit_code', arguments: { code: 'x = 1' } });
    expect(state.messages.at(-1)).toEqual(assistantMessage({ text: '', tool_calls: [tc] }));
    state = { ...state, messages: [...state.messages, { role: 'user', content: [{ type: 'tool_result', tool_call_id: tc.id, content: 'ok' }] }] };
    state = await generate(state, { tools: [SUBMIT] });
    expect(state.output).toMatchObject({ completion: 'submitted: ok' });
    expect(state.output.tool_calls).toBeUndefined();
    expect(state.usage.calls).toBe(2);
    expect((seen[0]!.body as Record<string, any>).tool_choice).toEqual({ type: 'function', function: { name: 'submit_code' } });
  });
});
