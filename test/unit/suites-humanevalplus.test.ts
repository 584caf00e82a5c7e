import { SHARED_DATASETS } from '../helpers/datasets';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, testRequest, type SandboxResult } from '../../sandbox';
import { loadSuite } from '../../eval/suites';
import { loadHumanEval } from '../../eval/suites/humaneval';
import { EVALPLUS_MEMORY_MB } from '../../eval/suites/evalplus-limits';
import { canonicalProgram, candidateProgram, type Task } from '../../config/task';
import { scoreProgram } from '../helpers/score';

/**
 * The real HumanEval+ v0.1.10 file. The first load on a machine computes the expected outputs
 * (about 1-2 min on 2 cores) into the user cache; later loads take under a second.
 */
const DATA = path.join(SHARED_DATASETS, 'evalplus/HumanEvalPlus-v0.1.10.jsonl.gz');
const sandbox = createSandbox({ concurrency: 2 });
let tasks: Task[];
let strict: Task[];
const byId = (id: string, from = tasks) => from.find((t) => t.task_id === id)!;

beforeAll(async () => {
  tasks = (await loadSuite({ name: 'humanevalplus', data: DATA })).tasks;
  strict = (await loadSuite({ name: 'humanevalplus', data: DATA }, { options: { original_check: true } })).tasks;
}, 600_000);
afterAll(() => sandbox.close());

const run = (t: Task, body: string): Promise<SandboxResult> => sandbox.run(testRequest(t, candidateProgram(t, body), t.timeout_s! * 1000));

describe('humanevalplus loader (real data)', () => {
  it('loads 164 tasks in file order with self-contained test code of bounded size and EvalPlus limits', () => {
    expect(tasks.map((t) => t.task_id)).toEqual(Array.from({ length: 164 }, (_, i) => `HumanEval/${i}`));
    for (const t of tasks) {
      expect(t.format).toBe('completion');
      expect(t.test_code).toContain("_gauntlet_check_inputs('plus_input'");
      expect(t.test_code).not.toContain('def check(candidate)'); // EvalPlus runs only base + plus inputs
      expect(t.test_code.length).toBeLessThan(512 * 1024);
      expect(t.memory_mb).toBe(EVALPLUS_MEMORY_MB);
      // EvalPlus's caps: min(60 s, sum of max(1 s, 4x ground truth)) + 1 s per check, here in CPU time
      expect(t.cpu_timeout_s).toBeGreaterThanOrEqual(4);
      expect(t.cpu_timeout_s).toBeLessThanOrEqual(122);
      expect(t.timeout_s).toBeGreaterThan(t.cpu_timeout_s!);
    }
  });

  it('passes a canonical solution and fails a wrong one on the plus inputs only (HumanEval/83, digest-compared outputs)', async () => {
    const t = byId('HumanEval/83');
    // right for small n (the base inputs), wrong for the huge plus inputs
    const wrong = '    if n == 1: return 1\n    return 0 if n > 1000 else 18 * 10 ** (n - 2)\n';
    const [canon, bad] = await Promise.all([sandbox.run(testRequest(t, canonicalProgram(t), 60_000)), run(t, wrong)]);
    expect(canon.status).toBe('passed');
    expect(bad.status).toBe('failed');
    expect(bad.exceptionType).toBe('AssertionError');
    expect(bad.message).toMatch(/^plus_input\[\d+\] starts_one_ends\(\*\[\d+\]\): expected <a large value, sha256 [0-9a-f]{12}>, got 0$/);
  });

  it('compares floats as EvalPlus does: within 1e-6 passes, off by 1e-3 fails (HumanEval/2); the original check, an option, is exact', async () => {
    const t = byId('HumanEval/2');
    const off = (d: string) => `    return number % 1.0 + ${d}\n`;
    const [close, far, strictClose] = await Promise.all([run(t, off('5e-7')), run(t, off('1e-3')), run(byId('HumanEval/2', strict), off('5e-7'))]);
    expect(close.status).toBe('passed');
    expect(far.status).toBe('failed');
    expect(far.message).toMatch(/^base_input\[0\] truncate_number/);
    // HumanEval's own check asserts candidate(3.5) == 0.5 exactly
    expect(strictClose.status).toBe('failed');
    expect(strictClose.message ?? '').not.toMatch(/_input\[/);
  });

  it('checks find_zero by the root property, not by equality with the canonical root (HumanEval/32)', async () => {
    const t = byId('HumanEval/32');
    // Newton iterated to a tighter tolerance than the canonical one: a different float (exact
    // equality would fail), still a root within atol 1e-4
    const tighter = [
      '    dxs = [xs[i] * i for i in range(1, len(xs))]',
      '    x = 0.0',
      '    for _ in range(1000):',
      '        fx = poly(xs, x)',
      '        if abs(fx) < 1e-9: break',
      '        x = x - fx / poly(dxs, x)',
      '    return x',
      '',
    ].join('\n');
    const [ok, bad] = await Promise.all([run(t, tighter), run(t, '    return 0.0\n')]);
    expect(ok.status).toBe('passed');
    expect(bad.status).toBe('failed');
  });

  it('catches a solution that the original HumanEval tests miss (HumanEval/0 off-by-threshold)', async () => {
    const humaneval = await loadHumanEval(path.join(SHARED_DATASETS, 'humaneval/HumanEval.jsonl.gz'));
    // `<=` instead of `<`: HumanEval's check() has no pair at exactly the threshold, EvalPlus does
    const le = [
      '    for i, a in enumerate(numbers):',
      '        for j, b in enumerate(numbers):',
      '            if i != j and abs(a - b) <= threshold:',
      '                return True',
      '    return False',
      '',
    ].join('\n');
    const t = byId('HumanEval/0');
    const original = await sandbox.run(testRequest(byId('HumanEval/0', humaneval), candidateProgram(t, le), 60_000));
    const plus = await run(t, le);
    expect(original.status).toBe('passed');
    expect(plus.status).toBe('failed');
    expect(plus.message).toMatch(/^(base|plus)_input\[\d+\] has_close_elements/);
  });
});

describe('humanevalplus: no false failures (issue 17)', () => {
  const correct0 = (extra: string) => `${canonicalProgram(byId('HumanEval/0'))}\n${extra}`;

  it('passes a correct solution that sleeps 5 ms per call while another process loads both cores', async () => {
    const t = byId('HumanEval/0');
    const busy: ChildProcess[] = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
    try {
      const slow = correct0('import time\n_inner = has_close_elements\ndef has_close_elements(numbers, threshold):\n    time.sleep(0.005)\n    return _inner(numbers, threshold)\n');
      const s = await scoreProgram(sandbox, 'humanevalplus', t, slow);
      expect(s.explanation ?? '').toBe('');
      expect(s.status).toBe('passed');
    } finally {
      for (const b of busy) b.kill('SIGKILL');
    }
  }, 180_000);

  it('passes an answer whose __main__ demo block calls input()', async () => {
    const t = byId('HumanEval/0');
    const s = await scoreProgram(sandbox, 'humanevalplus', t, correct0('if __name__ == "__main__":\n    xs = [float(x) for x in input().split()]\n    print(has_close_elements(xs, 0.5))\n'));
    expect(s.status).toBe('passed');
  });

  it('gives each input its own CPU-time limit and names it in the reason', async () => {
    const t = byId('HumanEval/0');
    // right on the base inputs (at most 6 numbers), spins forever on the first longer plus input
    const body = '    if len(numbers) > 8:\n        while True: pass\n' + t.canonical_solution;
    const s = await scoreProgram(sandbox, 'humanevalplus', t, candidateProgram(t, body));
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('timeout (per-test time limit)');
    expect(s.explanation).toMatch(/plus_input\[\d+\] has_close_elements\(.*\) took over 1 s of CPU time; the limit is max\(1 s, 4x the canonical solution's CPU time on this input\)/);
  }, 120_000);

  it(`allows a 1.5 GB allocation under its documented ${EVALPLUS_MEMORY_MB} MB address-space limit; humaneval's 1024 MB names its limit`, async () => {
    // once, when the answer is loaded (bytearray zero-fills: 1.5 GB really touched)
    const alloc = '\n_block = bytearray(1536 << 20)\n';
    const plus = byId('HumanEval/0');
    const humaneval = byId('HumanEval/0', await loadHumanEval(path.join(SHARED_DATASETS, 'humaneval/HumanEval.jsonl.gz')));
    const [p, h] = await Promise.all([
      scoreProgram(sandbox, 'humanevalplus', plus, canonicalProgram(plus) + alloc),
      scoreProgram(sandbox, 'humaneval', humaneval, canonicalProgram(humaneval) + alloc),
    ]);
    expect(p.status).toBe('passed');
    expect(h.status).toBe('failed');
    expect(h.reason).toBe('MemoryError (address-space limit 1024 MB)');
  });
});
