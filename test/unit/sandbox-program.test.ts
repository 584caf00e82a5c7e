import { afterAll, describe, expect, it } from 'vitest';
import { buildTestProgram, createSandbox } from '../../sandbox';

const sandbox = createSandbox({ concurrency: 2 });
afterAll(() => sandbox.close());
const T = 15_000;

// A solution with its own helper named `check` (a predicate on one value), as in a public suite.
const solution = ['def check(n):', '    return n > 0', '', 'def positives(xs):', '    return [x for x in xs if check(x)]', ''].join('\n');

describe('buildTestProgram: the check(candidate) convention', () => {
  it("does not call the solution's own `check` when the tests are plain asserts", async () => {
    const task = { entry_point: 'positives', test_code: 'assert positives([1, -2, 3]) == [1, 3]\n' };
    const r = await sandbox.run({ program: buildTestProgram(task, solution), timeoutMs: T });
    expect(r.message ?? '').toBe('');
    expect(r.status).toBe('passed');
  });

  it('calls the check(candidate) that the tests define, even when the solution defines one too', async () => {
    // (the tests' check replaces the solution's in the shared namespace, so this entry point does not use it)
    const own = solution.replace('if check(x)', 'if x > 0');
    const wrong = own.replace('x > 0]', 'x >= 0]');
    const task = { entry_point: 'positives', test_code: 'def check(candidate):\n    assert candidate([0, 1]) == [1]\n' };
    const [ok, bad] = await Promise.all([own, wrong].map((s) => sandbox.run({ program: buildTestProgram(task, s), timeoutMs: T })));
    expect(ok!.status).toBe('passed');
    expect(bad!.status).toBe('failed');
    expect(bad!.exceptionType).toBe('AssertionError');
  });
});
