import { describe, expect, it } from 'vitest';
import { referenceRun, startRun, tempDir, uniqueQueue } from '../helpers/temporal';
import { assertAllFilesParse, jsonOf, rowsOf, uniqueKeys } from '../helpers/files';
import { waitFor, workerProcess } from '../helpers/processes';
import type { RunOutcome } from '../../workflows/benchmark-run';

describe('a worker killed with SIGKILL mid-run', () => {
  it('finishes on a restarted worker with exactly one row per unit and a report that matches the rows', async () => {
    const queue = uniqueQueue('sigkill');
    const out = tempDir();
    const handle = await startRun(queue, { ...referenceRun(out, 40, 4), run_id: 'sigkill' });
    const first = workerProcess(queue);
    // Kill it once some, but not all, units are recorded.
    await waitFor(async () => (await rowsOf(out)).rows.length >= 8, 90_000, '8 rows from the first worker');
    first.child.kill('SIGKILL');
    await first.exited;
    const rowsAtKill = (await rowsOf(out)).rows.length;
    expect(rowsAtKill).toBeLessThan(40);

    const second = workerProcess(queue);
    try {
      const outcome = (await handle.result()) as RunOutcome;
      expect(outcome.state).toBe('completed');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(40);
    expect(uniqueKeys(rows)).toBe(40);
    expect(rows.every((r) => r.status === 'passed')).toBe(true);
    const report = jsonOf(out, 'report.json');
    const arm = report.phases[0].arms.find((a: { arm: string }) => a.arm === 'ref') ?? report.phases[0].arms[0];
    expect(arm.passed + arm.failed + arm.errors).toBe(rows.length);
    assertAllFilesParse(out);
  });
});
