import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { WorkflowNotFoundError } from '@temporalio/client';
import { HUMANEVAL, runToEnd, tempDir, testClient, uniqueQueue } from '../helpers/temporal';
import { jsonOf, rowsOf } from '../helpers/files';
import { gauntlet } from '../helpers/processes';

const ref = [{ name: 'ref', model: 'reference' }];
/** Strike delays long enough that a phase which used its strikes could not look like one that did not. */
const slowStrikes = { strike_delay_s: 30, phase_max_attempts: 3 };

describe('deterministic input errors', () => {
  it('`gauntlet run` refuses a missing --data file before starting anything', async () => {
    const out = path.join(tempDir(), 'run');
    const runId = `bad-data-${Date.now()}`;
    const cli = gauntlet(['run', 'custom', '--data', '/no/such.json', '--model', 'reference', '--wait', '--run-id', runId, '--output', out, '--address', inject('temporalAddress'), '--task-queue', uniqueQueue('bad-data')]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/data file \/no\/such\.json does not exist/);
    expect(cli.output()).toMatch(/nothing was started/);
    expect(existsSync(out)).toBe(false);
    const client = await testClient();
    await expect(client.workflow.getHandle(`gauntlet-${runId}`).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
  });

  it('`gauntlet run` refuses a custom task whose canonical solution is a function body, with the "format": "completion" hint', async () => {
    const dir = tempDir();
    const data = path.join(dir, 'tasks.json');
    writeFileSync(data, JSON.stringify([{ task_id: 'body/0', prompt: 'def add(a, b):\n', entry_point: 'add', canonical_solution: '    return a + b\n', test_code: 'assert add(1, 2) == 3\n' }]));
    const cli = gauntlet(['run', 'custom', '--data', data, '--model', 'reference', '--output', path.join(dir, 'run'), '--address', inject('temporalAddress'), '--task-queue', uniqueQueue('body')]);
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/body\/0.*canonical_solution starts indented/);
    expect(cli.output()).toMatch(/Add "format": "completion"/);
  });

  it('inside a run (as `temporal workflow start` sends it) a missing data file ends the phase `fatal` at once, without strikes', async () => {
    const out = tempDir();
    const missing = path.join(out, 'missing.json');
    const outcome = await runToEnd({
      output_dir: out,
      retry: slowStrikes,
      phases: [
        { name: 'broken', kind: 'benchmark', suite: { name: 'custom', data: missing }, arms: ref },
        { name: 'good', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, samples: 2 },
      ],
    });
    expect(outcome.phases.map((p) => [p.name, p.state, p.attempts])).toEqual([
      ['broken', 'fatal', 1],
      ['good', 'completed', 1],
    ]);
    expect(outcome.phases[0]!.message).toMatch(/missing\.json does not exist/);
    // No strike was spent: nothing in the crash log, and run.json says why the phase stopped.
    expect(existsSync(path.join(out, 'crash_log.json'))).toBe(false);
    const phase = jsonOf<{ phases: { name: string; state: string; attempts: number; message?: string }[] }>(out, 'run.json').phases[0]!;
    expect(phase).toMatchObject({ name: 'broken', state: 'fatal', attempts: 1 });
    expect(phase.message).toMatch(/missing\.json does not exist/);
    expect((await rowsOf(out)).rows.filter((r) => r.phase === 'good' && r.status === 'passed')).toHaveLength(2);
  });
});
