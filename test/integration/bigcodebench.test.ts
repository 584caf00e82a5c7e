import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BCB_DATA, runnableMiniIds } from '../helpers/bigcodebench';
import { jsonOf, rowsOf } from '../helpers/files';
import { runToEnd, startRun, tempDir, testClient, testWorker, uniqueQueue } from '../helpers/temporal';
import { waitFor } from '../helpers/processes';
import type { RunOutcome } from '../../workflows/benchmark-run';

const CI_ENV = 'bigcodebench-ci';

describe('bigcodebench-hard on a real dev server', () => {
  it('a worker without the environment never takes the units: they wait on the environment queue until a worker that has it comes', async () => {
    const queue = uniqueQueue('bcb-env');
    // A worker's capabilities are read when it is created: this one sees no environments.
    const saved = process.env.GAUNTLET_ENV_DIR;
    process.env.GAUNTLET_ENV_DIR = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-no-envs-'));
    const without = await testWorker(queue).finally(() => {
      if (saved === undefined) delete process.env.GAUNTLET_ENV_DIR;
      else process.env.GAUNTLET_ENV_DIR = saved;
    });
    expect(without.capabilities.environments).toEqual([]);
    const out = tempDir();
    const handle = await startRun(queue, {
      output_dir: out,
      phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'bigcodebench-hard', data: BCB_DATA, options: { environment: CI_ENV } }, arms: [{ name: 'ref', model: 'reference' }], samples: 2 }],
    });
    const phaseId = `${handle.workflowId}/b/attempt-1`;
    const unitEvents = async () => {
      const events = (await (await testClient()).workflow.getHandle(phaseId).fetchHistory()).events ?? [];
      const scheduled = events.filter((e) => /^runUnits?$/.test(e.activityTaskScheduledEventAttributes?.activityType?.name ?? ''));
      return { queues: new Set(scheduled.map((e) => e.activityTaskScheduledEventAttributes!.taskQueue?.name)), scheduled: scheduled.length };
    };
    await without.runUntil(async () => {
      await waitFor(async () => (await unitEvents().catch(() => ({ scheduled: 0 }))).scheduled > 0, 60_000, 'the units to be scheduled');
      await new Promise((r) => setTimeout(r, 3000));
    });
    const waiting = await unitEvents();
    expect(waiting.queues).toEqual(new Set([`${queue}@env=${CI_ENV}`]));
    expect((await rowsOf(out)).rows).toHaveLength(0);

    const withEnv = await testWorker(queue);
    expect(withEnv.capabilities.environments).toContain(CI_ENV);
    const outcome = (await withEnv.runUntil(handle.result())) as RunOutcome;
    expect(outcome.state).toBe('completed');
    expect((await rowsOf(out)).rows.map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('the mini subset (the part whose libraries CI installs) with the reference model: every task passes, per-test outcomes in the rows', async () => {
    const { ids, missing } = await runnableMiniIds(CI_ENV);
    // CI must exercise a real share of the subset, not an empty run.
    expect(ids.length, `runnable: ${ids.join(', ')}; missing libraries: ${JSON.stringify(missing)}`).toBeGreaterThanOrEqual(8);
    const out = tempDir();
    const outcome = await runToEnd({
      output_dir: out,
      phases: [
        {
          name: 'bench',
          kind: 'benchmark',
          suite: { name: 'bigcodebench-hard', data: BCB_DATA, options: { environment: CI_ENV } },
          arms: [{ name: 'ref', model: 'reference' }],
          sample_ids: ids,
          concurrency: 4,
        },
      ],
    });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows.map((r) => r.task_id).sort()).toEqual([...ids].sort());
    const notPassed = rows.filter((r) => r.status !== 'passed').map((r) => `${r.task_id}: ${r.status} ${r.reason ?? ''} ${r.stderr_tail ?? ''}`);
    expect(notPassed).toEqual([]);
    for (const r of rows) {
      const tests = (r.metadata as { tests: Record<string, string> }).tests;
      expect(Object.keys(tests).length, r.task_id).toBeGreaterThan(0);
      expect(Object.values(tests).every((o) => o === 'passed'), r.task_id).toBe(true);
      expect(r.category, r.task_id).toMatch(/^(General|Computation|Visualization|System|Network|Cryptography|Time)$/);
    }
    expect(jsonOf(out, 'report.json').phases[0].arms[0]).toMatchObject({ arm: 'ref', passed: ids.length, failed: 0 });
  });
});
