import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, limitReason, testRequest } from '../../sandbox';

const sandbox = createSandbox({ concurrency: 2 });
afterAll(() => sandbox.close());
const T = 15_000;

const task = { entry_point: 'add', test_code: 'def check(candidate):\n    assert candidate(2, 3) == 5\n' };

describe('sandbox: module name, per-task limits and the reasons they give', () => {
  it('runs the program under a module name other than __main__: a demo block calling input() does not run', async () => {
    const answer = ['def add(a, b):', '    return a + b', '', 'if __name__ == "__main__":', '    print(add(int(input()), 1))', ''].join('\n');
    const r = await sandbox.run(testRequest(task, answer, T));
    expect(r.stderrTail).toBe('');
    expect(r.status).toBe('passed');
  });

  it('registers that module, so dataclasses and pickle of the program\'s classes work', async () => {
    const answer = ['from dataclasses import dataclass', 'import pickle', '@dataclass', 'class P:', '    x: int', 'def add(a, b):', '    return pickle.loads(pickle.dumps(P(a))).x + b', ''].join('\n');
    expect((await sandbox.run(testRequest(task, answer, T))).status).toBe('passed');
  });

  it("applies a task's address-space limit and names it in the reason", async () => {
    // 1.5 GB of address space (calloc: reserved, never touched, so it costs no RAM)
    const answer = 'def add(a, b):\n    block = bytearray(1536 << 20)\n    return a + b\n';
    const [small, large] = await Promise.all([undefined, 4096].map((memory_mb) => sandbox.run(testRequest({ ...task, ...(memory_mb && { memory_mb }) }, answer, T))));
    expect(small!.status).toBe('failed');
    expect(small!.limit).toBe('memory');
    expect(limitReason(small!, {})).toBe('MemoryError (address-space limit 1024 MB)');
    expect(large!.status).toBe('passed');
  });

  it('ends a busy loop at the CPU-time limit, not the wall clock, and reports the CPU time used', async () => {
    const r = await sandbox.run(testRequest({ ...task, cpu_timeout_s: 1 }, 'def add(a, b):\n    while True: pass\n', 120_000));
    expect(r.status).toBe('timeout');
    expect(r.limit).toBe('cpu');
    expect(r.cpuMs).toBeGreaterThan(500);
    expect(limitReason(r, {})).toBe('timeout (CPU-time limit)');
  });

  it('turns a per-test time limit raised by the tests (SandboxTimeLimit) into a timeout', async () => {
    const tests = { ...task, test_code: 'class SandboxTimeLimit(BaseException):\n    pass\n\nraise SandboxTimeLimit("input 3: over 1 s")\n' };
    const r = await sandbox.run(testRequest(tests, 'def add(a, b):\n    return a + b\n', T));
    expect(r).toMatchObject({ status: 'timeout', limit: 'test', message: 'input 3: over 1 s' });
  });
});
