import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import { loadCodeTasks } from '../../eval/load';
import type { RunConfigInput } from '../../config/run-config';
import { HUMANEVAL, runToEnd, tempDir } from '../helpers/temporal';
import { jsonOf, rowsOf } from '../helpers/files';

process.env.OPENAI_API_KEY ??= 'sk-test-simulated';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/plugins');
const SOLVER = `${FIXTURES}/solver.ts#selfRepair`;
const SCORER = `${FIXTURES}/scorer.ts#partialCredit`;
const TASKS = 6;

let mock: MockApi;

/** The first TASKS HumanEval tasks, scored by the plugin scorer, with these arms against the simulated API. */
function pluginRun(out: string, arms: { name: string; solver?: string }[]): RunConfigInput {
  return {
    output_dir: out,
    cache: false,
    phases: [
      {
        name: 'bench',
        kind: 'benchmark',
        suite: { name: 'humaneval', data: HUMANEVAL },
        samples: TASKS,
        scorer: SCORER,
        arms: arms.map((a) => ({ ...a, model: 'mock', base_url: mock.url })),
      },
    ],
  };
}
beforeAll(async () => {
  const tasks = await loadCodeTasks({ name: 'humaneval', data: HUMANEVAL });
  mock = await startMockApi({ tasks: tasks.slice(0, TASKS), answers: 'wrong' });
});
afterAll(async () => {
  await mock?.close();
});

/**
 * A user's solver and scorer, loaded by the worker from files named by Refs, beside a built-in
 * arm: the plugin solver reaches the model only through `generate` (the simulated API counts its
 * calls), and the plugin scorer's partial credit lands in the rows and the report.
 */
describe('plugin solver and scorer', () => {
  it('runs a two-arm run where one arm uses a plugin solver, scored by a plugin scorer', async () => {
    const out = tempDir();
    const before = mock.stats().total;
    const outcome = await runToEnd(pluginRun(out, [{ name: 'base' }, { name: 'repair', solver: SOLVER }]));
    expect(outcome.state).toBe('completed');

    // Every answer is wrong: baseline asks once per task; self-repair sees its visible examples fail and asks again.
    expect(mock.stats().total - before).toBe(TASKS + 2 * TASKS);

    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(2 * TASKS);
    for (const r of rows) {
      expect(r.status).toBe('failed');
      // The plugin scorer's own verdict: the wrong answer returns None, so no assert of the tests passes.
      expect(r.metadata).toMatchObject({ asserts_passed: 0 });
      expect((r.metadata as { asserts_total: number }).asserts_total).toBeGreaterThan(0);
      expect(r.reason).toMatch(/^\d+\/\d+ asserts failed$/);
    }

    const report = jsonOf(out, 'report.json');
    const arms = report.phases[0].arms.map((a: { arm: string; done: number; failed: number }) => [a.arm, a.done, a.failed]);
    expect(arms).toEqual([
      ['base', TASKS, TASKS],
      ['repair', TASKS, TASKS],
    ]);
  });

  it('gives a correct answer full credit through the same plugin scorer', async () => {
    mock.configure({ answers: 'canonical' });
    const out = tempDir();
    const outcome = await runToEnd(pluginRun(out, [{ name: 'repair', solver: SOLVER }]));
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows.map((r) => [r.status, r.score])).toEqual(Array.from({ length: TASKS }, () => ['passed', 1]));
  });

  it('fails the phase at once, naming the known solvers, when an arm names an unknown one', async () => {
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      retry: { strike_delay_s: 0 },
      phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, samples: 2, arms: [{ name: 'x', model: 'mock', solver: 'nope', base_url: mock.url }] }],
    } satisfies RunConfigInput);
    expect(outcome.state).toBe('failed');
    expect(outcome.phases[0]!.message).toMatch(/unknown solver "nope"; known: reference, baseline/);
  });
});
