import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { HUMANEVAL, runToEnd, tempDir, testClient, testWorker, uniqueQueue } from '../helpers/temporal';
import { assertAllFilesParse, jsonOf, rowsOf } from '../helpers/files';

describe('benchmarkRun on a real dev server', () => {
  it('runs 10 HumanEval tasks with the reference model: 10 passed rows and a report', async () => {
    const out = tempDir();
    const outcome = await runToEnd({
      run_id: 'spine-10',
      output_dir: out,
      phases: [{ name: 'benchmark', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: [{ name: 'ref', model: 'reference' }], samples: 10 }],
    });
    expect(outcome.state).toBe('completed');
    const { rows, meta, duplicates } = await rowsOf(out);
    expect(meta?.run_id).toBe('spine-10');
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.status === 'passed' && r.score === 1)).toBe(true);
    expect(rows.map((r) => r.task_id)).toEqual(Array.from({ length: 10 }, (_, i) => `HumanEval/${i}`).sort((a, b) => rows.findIndex((r) => r.task_id === a) - rows.findIndex((r) => r.task_id === b)));
    expect(duplicates).toBe(0);
    for (const f of ['report.md', 'report.json', 'run.json', 'benchmark.log']) expect(existsSync(path.join(out, f)), f).toBe(true);
    const run = jsonOf(out, 'run.json');
    expect(run.state).toBe('completed');
    expect(run.phases[0].state).toBe('completed');
    expect(run.phases[0].units_total).toBe(10);
    expect(jsonOf(out, 'report.json').phases[0].arms[0]).toMatchObject({ arm: 'ref', units_total: 10, passed: 10 });
    assertAllFilesParse(out);
  });

  it('scores broken candidates `failed` with a reason, never `error`', async () => {
    const dir = tempDir('gauntlet-suite-');
    const task = (id: string, solution: string) => ({
      task_id: id,
      prompt: 'Write add(a, b).',
      entry_point: 'add',
      canonical_solution: solution,
      test_code: 'def check(candidate):\n    assert candidate(2, 3) == 5\n',
    });
    const data = path.join(dir, 'tasks.json');
    writeFileSync(
      data,
      JSON.stringify({
        tasks: [
          task('good', 'def add(a, b):\n    return a + b\n'),
          task('wrong', 'def add(a, b):\n    return a - b\n'),
          task('syntax', 'def add(a, b)\n    return a + b\n'),
          task('exit-early', 'import sys\ndef add(a, b):\n    return 0\nsys.exit(0)\n'),
        ],
      }),
    );
    const out = tempDir();
    // `reference` answers with each task's (here deliberately broken) canonical solution.
    await runToEnd({ output_dir: out, phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'custom', data }, arms: [{ name: 'ref', model: 'reference' }] }] });
    const { rows } = await rowsOf(out);
    const by = Object.fromEntries(rows.map((r) => [r.task_id, [r.status, r.reason ?? null]]));
    expect(by).toEqual({
      good: ['passed', null],
      wrong: ['failed', 'AssertionError'],
      syntax: ['failed', 'syntax_error'],
      'exit-early': ['failed', 'SystemExit'],
    });
  });

  it('fails fast on a bad config (as `temporal workflow start` would send it) naming the field', async () => {
    const queue = uniqueQueue('badcfg');
    const worker = await testWorker(queue);
    const client = await testClient();
    const raw = { output_dir: tempDir(), phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'humaneval' }, arms: [{ name: 'x', model: 'nonsense/' }] }] };
    const handle = await client.workflow.start('benchmarkRun', { taskQueue: queue, workflowId: `bad-${Date.now()}`, args: [raw] });
    const err = await worker.runUntil(handle.result().then(() => null, (e: Error) => e));
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(String((err as WorkflowFailedError).cause?.message)).toMatch(/config\.phases\[0\]\.arms\[0\]\.model: model spec "nonsense\/" is not understood/);
  });
});
