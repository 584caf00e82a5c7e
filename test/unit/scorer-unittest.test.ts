import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../sandbox';
import { unittestScorer } from '../../eval/scorers/unittest';
import { initialState } from '../../eval/state';
import type { Sample, ScorerEnv } from '../../eval/types';

// Real sandbox, real unittest: the stdlib is enough for these tests (no library environment).
const sandbox = createSandbox();
afterAll(() => sandbox.close());
const env = (timeoutMs = 20_000): ScorerEnv => ({ sandbox: () => sandbox, sandboxTimeoutMs: async () => timeoutMs, heartbeat: () => undefined });

const TESTS = `
import unittest
class TestCases(unittest.TestCase):
    def test_small(self):
        self.assertEqual(task_func(2), 4)
    def test_zero(self):
        self.assertEqual(task_func(0), 0)
    def test_negative(self):
        self.assertEqual(task_func(-3), 9)
`;

function sample(program: string, tests = TESTS, prefix?: string): Sample {
  return {
    id: 'T/1',
    input: 'square',
    metadata: prefix ? { program_prefix: prefix } : {},
    code: { task_id: 'T/1', prompt: 'square', entry_point: 'task_func', canonical_solution: '', test_code: tests, format: 'instruct', test_harness: 'unittest' },
  };
}
const score = (program: string, opts: { tests?: string; prefix?: string; timeoutMs?: number } = {}) => {
  const st = initialState(sample(program, opts.tests, opts.prefix), 0);
  return unittestScorer()({ ...st, output: { completion: program, program } }, env(opts.timeoutMs));
};

describe('unittest scorer', () => {
  it('passes when every test passes, with each outcome in metadata', async () => {
    const s = await score('def task_func(x):\n    return x * x\n');
    expect(s.status).toBe('passed');
    expect(s.value).toBe(1);
    expect(s.metadata?.tests).toEqual({ test_small: 'passed', test_zero: 'passed', test_negative: 'passed' });
  });

  it('fails when one test fails, naming it; the others still ran', async () => {
    const s = await score('def task_func(x):\n    return x * x if x >= 0 else 0\n');
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('tests_failed 1/3');
    expect(s.metadata?.tests).toEqual({ test_small: 'passed', test_zero: 'passed', test_negative: 'failed' });
    expect(s.metadata?.failing).toEqual(['test_negative']);
    expect(String((s.metadata?.details as Record<string, string>).test_negative)).toMatch(/AssertionError: 0 != 9/);
  });

  it('an error in setUp fails every test (failed, not error)', async () => {
    const tests = TESTS.replace('class TestCases(unittest.TestCase):\n', 'class TestCases(unittest.TestCase):\n    def setUp(self):\n        raise RuntimeError("no fixture")\n');
    const s = await score('def task_func(x):\n    return x * x\n', { tests });
    expect(s.status).toBe('failed');
    expect(s.metadata?.tests).toEqual({ test_small: 'error', test_zero: 'error', test_negative: 'error' });
    expect(String((s.metadata?.details as Record<string, string>).test_zero)).toMatch(/RuntimeError: no fixture/);
  });

  it('a test that calls sys.exit is an error of that test; the run goes on and the sample fails', async () => {
    const tests = TESTS.replace('    def test_zero(self):\n        self.assertEqual(task_func(0), 0)\n', '    def test_zero(self):\n        import sys\n        sys.exit(0)\n');
    const s = await score('def task_func(x):\n    return x * x\n', { tests });
    expect(s.status).toBe('failed');
    expect(s.metadata?.tests).toEqual({ test_small: 'passed', test_zero: 'error', test_negative: 'passed' });
    expect(String((s.metadata?.details as Record<string, string>).test_zero)).toMatch(/SystemExit/);
  });

  it('sys.exit(0) in the candidate before any test cannot pass', async () => {
    const s = await score('import sys\ndef task_func(x):\n    return x * x\nsys.exit(0)\n');
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('SystemExit');
    expect((s.metadata?.details as Record<string, string>).ALL).toMatch(/SystemExit/);
  });

  it('a candidate that never returns times out: failed with reason timeout', async () => {
    const s = await score('def task_func(x):\n    while True:\n        pass\n', { timeoutMs: 1500 });
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('timeout');
    expect(s.metadata?.timeout).toBe(true);
  });

  it("prepends the sample's program prefix (BigCodeBench's calibration): an answer without its import passes", async () => {
    const tests = TESTS.replace('self.assertEqual(task_func(2), 4)', 'self.assertEqual(task_func(2), math.pow(2, 2))');
    const answer = 'def task_func(x):\n    return math.pow(x, 2)\n';
    expect((await score(answer, { tests })).status).toBe('failed');
    expect((await score(answer, { tests, prefix: 'import math\ndef task_func(x):\n    pass\n' })).status).toBe('passed');
  });

  it('no code is failed no_code', async () => {
    const st = initialState(sample(''), 0);
    const s = await unittestScorer()({ ...st, output: { completion: 'I cannot help with that.' } }, env());
    expect(s).toMatchObject({ status: 'failed', reason: 'no_code' });
  });
});
