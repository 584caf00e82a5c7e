import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { ApplicationFailure, WorkflowFailedError } from '@temporalio/client';
import { HUMANEVAL, startRun, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { jsonOf } from '../helpers/files';
import { gauntlet } from '../helpers/processes';
import { FAILURE } from '../../contract/phase';
import type { RunOutcome } from '../../workflows/benchmark-run';

const ref = [{ name: 'ref', model: 'reference' }];

describe('a run whose every phase failed', () => {
  it('ends as a failed workflow after writing its report; the outcome travels in the failure', async () => {
    const out = tempDir();
    const queue = uniqueQueue('all-failed');
    const worker = await testWorker(queue);
    const handle = await startRun(queue, {
      output_dir: out,
      phases: [
        // Unknown ids are bad input: each phase ends fatal at once.
        { name: 'a', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: ref, sample_ids: ['HumanEval/none'] },
        { name: 'b', kind: 'validate', suite: { name: 'humaneval', data: HUMANEVAL }, sample_ids: ['HumanEval/none'] },
      ],
    });
    const err = await worker.runUntil(handle.result().then(() => null, (e: unknown) => e));
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe(FAILURE.runFailed);
    expect(cause!.message).toMatch(/every phase of run .* failed: a fatal .*HumanEval\/none.*; b fatal/);
    const outcome = (cause as ApplicationFailure).details?.[0] as RunOutcome;
    expect(outcome.state).toBe('failed');
    expect(outcome.phases.map((p) => p.state)).toEqual(['fatal', 'fatal']);
    expect(outcome.report.md).toBe(path.join(out, 'report.md'));
    expect((await handle.describe()).status.name).toBe('FAILED');
    expect(existsSync(path.join(out, 'report.md'))).toBe(true);
    expect(jsonOf(out, 'run.json').state).toBe('failed');
  });

  it('`gauntlet run --wait` prints the phases and the report and exits 1', async () => {
    const dir = tempDir();
    const ids = path.join(dir, 'ids.txt');
    writeFileSync(ids, 'HumanEval/none\n');
    const queue = uniqueQueue('all-failed-cli');
    const worker = await testWorker(queue);
    const out = path.join(dir, 'run');
    const cli = gauntlet(['run', 'humaneval', '--data', HUMANEVAL, '--model', 'reference', '--sample-ids', ids, '--output', out, '--wait', '--address', inject('temporalAddress'), '--task-queue', queue]);
    const code = await worker.runUntil(cli.exited);
    expect(cli.output()).toMatch(/phase benchmark: fatal — .*HumanEval\/none/);
    expect(cli.output()).toMatch(/run .*: failed/);
    expect(cli.output()).toContain(path.join(out, 'report.md'));
    expect(cli.output()).not.toMatch(/did not complete/);
    expect(code).toBe(1);
  });
});
