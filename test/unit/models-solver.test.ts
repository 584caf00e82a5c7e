import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { baseline, extractProgram } from '../../eval/solvers/baseline';
import { chatRequest } from '../../eval/generate';
import { initialState } from '../../eval/state';
import { sampleFromTask } from '../../eval/suites/code-suite';
import { sharedSandbox } from '../../sandbox/pool';
import type { Generate, TaskState } from '../../eval/types';
import type { Arm } from '../../config/run-config';
import { extractCode, fencedBlocks } from '../../eval/solvers/extract';
import { buildProgram } from '../../eval/solvers/program';
import { callCost } from '../../models/cost';
import { lookupPrice } from '../../config/prices';
import type { Task } from '../../config/task';

const task: Task = {
  task_id: 'S/0',
  prompt: 'from typing import List\n\n\ndef total(xs: List[int]) -> int:\n    """Sum."""\n',
  entry_point: 'total',
  canonical_solution: '    return sum(xs)\n',
  test_code: 'def check(candidate):\n    assert candidate([1]) == 1\n',
  format: 'completion',
};

describe('code extraction', () => {
  it('prefers the python block that defines the entry point over examples and untagged blocks', () => {
    const a = 'Sure:\n```\nprint("x")\n```\n```python\ntotal([1])\n```\n```python\ndef total(xs):\n    return sum(xs)\n```\nDone.';
    expect(extractCode(a, 'total')).toEqual({ code: 'def total(xs):\n    return sum(xs)\n', from: 'fenced-python' });
  });

  it('falls back to any fenced block, and keeps an unclosed block cut off by max_tokens', () => {
    expect(extractCode('```\ndef total(xs):\n    return 0\n```', 'total').from).toBe('fenced');
    expect(fencedBlocks('```py\ndef total(xs):\n    return su')).toEqual([{ lang: 'py', code: 'def total(xs):\n    return su' }]);
  });

  it('treats unfenced prose as no code', () => {
    expect(extractCode('I think you should sum the list.', 'total')).toEqual({ code: null, from: 'none' });
  });

  it('builds completion programs: whole function → preamble + code, body → prompt + body', () => {
    expect(buildProgram(task, 'def total(xs):\n    return sum(xs)\n')).toBe('from typing import List\n\n\ndef total(xs):\n    return sum(xs)\n');
    expect(buildProgram(task, '    return sum(xs)\n')).toBe(task.prompt + '    return sum(xs)\n');
    expect(buildProgram({ ...task, format: 'instruct' }, 'x = 1\n')).toBe('x = 1\n');
  });
});

describe('baseline solver', () => {
  it('accepts an unfenced continuation that compiles', async () => {
    const g = await extractProgram(task, '    return sum(xs)\n');
    expect(g.program).toBe(task.prompt + '    return sum(xs)\n');
  });

  it('reports syntax_error for unfenced code that does not compile', async () => {
    const g = await extractProgram(task, 'def total(xs:\n    return sum(xs');
    expect(g).toMatchObject({ program: null, reason: 'syntax_error' });
  });

  it('reports no_code for prose, keeping the answer', async () => {
    // The model's side of generate: it answers with prose (what the solver does with it is under test).
    const prose: Generate = async (st) => ({ ...st, messages: [...st.messages, { role: 'assistant', content: 'Just add them up.' }], output: { completion: 'Just add them up.' } });
    const st = await baseline(initialState(sampleFromTask(task), 0), prose, { arm: { name: 'a', model: 'mock', params: { max_tokens: 9 } }, sandbox: sharedSandbox, heartbeat: () => undefined });
    expect(st.output).toMatchObject({ program: null, reason: 'no_code', completion: 'Just add them up.' });
  });

  it('asks for a completion of the prompt, with per-arm params and a distinct seed per sample', async () => {
    const arm: Arm = { name: 'a', model: 'mock', params: { max_tokens: 99, temperature: 0.2, seed: 10, system_prompt: 'Be terse.' } };
    const asked: { state?: TaskState; system?: string } = {};
    const capture: Generate = async (st, opts) => {
      asked.state = st;
      asked.system = opts?.system;
      return { ...st, output: { completion: '' } };
    };
    await baseline(initialState(sampleFromTask(task), 3), capture, { arm, sandbox: sharedSandbox, heartbeat: () => undefined });
    const r = chatRequest(asked.state!, arm.params, { system: asked.system });
    expect(r).toMatchObject({ system: 'Be terse.', max_tokens: 99, temperature: 0.2, seed: 13 });
    expect(r.messages[0]!.content).toContain(task.prompt);
    expect(r.messages[0]!.content).toMatch(/complete the following python function/i);
    const plain: Arm = { ...arm, params: { max_tokens: 5 } };
    await baseline(initialState(sampleFromTask({ ...task, format: 'instruct' }), 0), capture, { arm: plain, sandbox: sharedSandbox, heartbeat: () => undefined });
    const ins = chatRequest(asked.state!, plain.params, { system: asked.system });
    expect(ins.messages[0]!.content).not.toMatch(/complete the following/i);
    expect(ins.seed).toBeUndefined();
    expect(ins.system).toBeTruthy();
  });
});

describe('prices', () => {
  afterEach(() => {
    delete process.env.GAUNTLET_PRICES;
  });

  it('matches dated snapshots to the longest key and flags unknown models', () => {
    expect(lookupPrice('openai', 'gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(lookupPrice('openai', 'gpt-4o-2024-08-06')).toEqual({ input: 2.5, output: 10 });
    expect(lookupPrice('openai', 'gpt-4omega')).toBeUndefined();
    expect(callCost('anthropic', 'claude-sonnet-4-5-20250929', 1_000_000, 1_000_000)).toEqual({ cost_usd: 18, unpriced: false });
    expect(callCost('openai-compatible', 'llama', 1000, 1000)).toEqual({ cost_usd: 0, unpriced: true });
  });

  it('takes overrides from $GAUNTLET_PRICES and explains a bad file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-prices-'));
    try {
      const file = path.join(dir, 'prices.json');
      writeFileSync(file, JSON.stringify({ 'openai-compatible/llama': { input: 1, output: 3 } }));
      process.env.GAUNTLET_PRICES = file;
      expect(callCost('openai-compatible', 'llama', 1_000_000, 0)).toEqual({ cost_usd: 1, unpriced: false });
      const bad = path.join(dir, 'bad.json');
      writeFileSync(bad, JSON.stringify({ 'openai/x': { input: 'cheap' } }));
      process.env.GAUNTLET_PRICES = bad;
      expect(() => lookupPrice('openai', 'x')).toThrow(/bad\.json.*openai\/x/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
