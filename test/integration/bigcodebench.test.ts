import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BCB_DATA, runnableMiniIds } from '../helpers/bigcodebench';
import { jsonOf, rowsOf } from '../helpers/files';
import { runToEnd, tempDir } from '../helpers/temporal';

const CI_ENV = 'bigcodebench-ci';

describe('bigcodebench-hard on a real dev server', () => {
  it('a worker without the environment refuses the units: the phase fails at once with the create command, no rows', async () => {
    const saved = process.env.GAUNTLET_ENV_DIR;
    process.env.GAUNTLET_ENV_DIR = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-no-envs-'));
    try {
      const out = tempDir();
      const outcome = await runToEnd({
        output_dir: out,
        phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'bigcodebench-hard', data: BCB_DATA, options: { environment: CI_ENV } }, arms: [{ name: 'ref', model: 'reference' }], samples: 2 }],
        retry: { strike_delay_s: 0, phase_max_attempts: 1 },
      });
      expect(outcome.phases[0]!.state).toBe('fatal');
      expect(outcome.phases[0]!.message).toMatch(/gauntlet env create bigcodebench-ci/);
      expect((await rowsOf(out)).rows.filter((r) => r.status !== 'error')).toHaveLength(0);
    } finally {
      if (saved === undefined) delete process.env.GAUNTLET_ENV_DIR;
      else process.env.GAUNTLET_ENV_DIR = saved;
    }
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
