import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { gradeResilience, partialFix, partials } from '../../eval/suites/resilience';
import { readResilience } from '../../eval/suites/resilience/files';
import { BUILTIN_TOOLS, runToolCall, PYTHON_OUTPUT_LIMIT } from '../../eval/tools';

const sandbox = createSandbox();
afterAll(() => sandbox.close());
const checksOf = (g: Awaited<ReturnType<typeof gradeResilience>>) => Object.fromEntries(g.checks.map((c) => [c.name, c.passed]));

describe('resilience grader (real Python in the sandbox)', () => {
  it('gives the reference fix 100% and "All tiers stable"', async () => {
    const g = await gradeResilience(readResilience('reference.py'), sandbox);
    expect(g.score).toBe(100);
    expect(g.feedback).toBe('All tiers stable');
    expect(g.checks.map((c) => [c.name, c.weight])).toEqual([['tier1', 20], ['tier2_flat', 10], ['tier2_heavy_tail', 10], ['tier3', 20], ['validity', 20], ['guardrails', 20]]);
  });

  it('gives the buggy pipeline 30% (heavy tail by luck, valid output on clean data) and names what is unresolved', async () => {
    const g = await gradeResilience(readResilience('pipeline.py'), sandbox);
    expect(g.score).toBe(30);
    expect(checksOf(g)).toEqual({ tier1: false, tier2_flat: false, tier2_heavy_tail: true, tier3: false, validity: true, guardrails: false });
    expect(g.feedback).toBe('Tier1 cascade unresolved; Tier2 flat segments collapse; Tier3 resilience gaps; No guardrail evidence');
  });

  it('gives the sanitize-only partial 70%', async () => {
    const g = await gradeResilience(readResilience('partials/sanitize_only.py'), sandbox);
    expect(g.score).toBe(70);
    expect(g.feedback).toBe('Tier2 balance broken; Tier3 resilience gaps');
  });

  for (const p of partials()) {
    it(`pins partial ${p.name} at ${p.score}%`, async () => {
      const g = await gradeResilience(partialFix(p), sandbox);
      expect(g.score).toBe(p.score);
      expect(g.feedback).toBe(p.feedback);
    });
  }

  it('fails every runtime check of a submission that does not load, keeps the static scan', async () => {
    const g = await gradeResilience('def process_batch(:\n  # guardrail telemetry', sandbox);
    expect(g.score).toBe(20);
    expect(checksOf(g).guardrails).toBe(true);
    expect(g.checks.find((c) => c.name === 'tier1')!.detail).toMatch(/SyntaxError/);
  });
});

describe('built-in tools', () => {
  const env = { sandbox: () => sandbox, heartbeat: () => undefined };
  const tools = Object.values(BUILTIN_TOOLS);
  const call = (name: string, args: Record<string, unknown>, extra = {}) => runToolCall(tools, { id: 'c1', name, arguments: args, ...extra }, env);

  it('python_expression prints a final expression with math and statistics imported, and keeps no state between calls', async () => {
    expect((await call('python_expression', { expression: 'x = 3\nprint("hi")\nmath.sqrt(16) + statistics.mean([x, x])' })).content.trim()).toBe('hi\n7.0');
    const second = await call('python_expression', { expression: 'x' });
    expect(second.is_error).toBe(true);
    expect(second.content).toMatch(/NameError/);
  });

  it('python_expression cuts output to the documented size', async () => {
    const r = await call('python_expression', { expression: 'print("y" * 3000)' });
    expect(r.content.length).toBeLessThan(PYTHON_OUTPUT_LIMIT + 100);
    expect(r.content).toMatch(/^\[output truncated to its last 2000 characters of 3001 bytes\]\ny{1999}\n$/);
  });

  it('answers malformed calls with tool errors: bad JSON, unknown tool, missing argument', async () => {
    expect(await call('python_expression', {}, { invalid_arguments: '{"expression": ' })).toMatchObject({ is_error: true, content: expect.stringMatching(/not a JSON object/) });
    expect(await call('run_shell', {})).toMatchObject({ is_error: true, content: expect.stringMatching(/no tool named "run_shell"; available: python_expression, submit_code/) });
    expect(await call('submit_code', {})).toMatchObject({ is_error: true, content: expect.stringMatching(/needs code/) });
  });

  it('submit_code hands the code over as the submission', async () => {
    expect((await call('submit_code', { code: 'def process_batch(e, s): pass' })).submission).toBe('def process_batch(e, s): pass');
  });
});
