import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { appendMeta, appendRows } from '../../store/results';
import { ResultsIndex } from '../../store/results-index';
import { unitKey, type ResultRow } from '../../config/results';
import { RunConfigSchema } from '../../config/run-config';
import { finishPhase } from '../../activities/lifecycle';
import { loadSuite } from '../../eval/suites';
import type { PhaseContext } from '../../contract/phase';
import { FAILURE } from '../../contract/phase';

const row = (runId: string, task: string, status: ResultRow['status'] = 'passed'): ResultRow => ({
  run_id: runId,
  phase: 'bench',
  task_id: task,
  arm: 'ref',
  sample: 0,
  status,
  score: status === 'passed' ? 1 : 0,
  duration_ms: 5,
  tokens_in: 0,
  tokens_out: 0,
  cost_usd: 0,
  recorded_at: '2026-01-01T00:00:00.000Z',
});
const key = (task: string) => unitKey({ phase: 'bench', task_id: task, arm: 'ref', sample: 0 });

async function tempRunDir(): Promise<{ dir: string; file: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-index-'));
  return { dir, file: path.join(dir, 'results.jsonl') };
}

/** rm -rf of the run directory, and a new run's meta line and rows in the same place. */
async function replaceRun(dir: string, file: string, runId: string, startedAt: string, tasks: string[]): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir);
  await appendMeta(file, { run_id: runId, started_at: startedAt, config: {} });
  // Padded so the new file is longer than the old one: a size check alone cannot see the change.
  await appendRows(file, tasks.map((t) => ({ ...row(runId, t, 'failed'), reason: 'x'.repeat(400) })));
}

describe('ResultsIndex knows a results file by its identity', () => {
  it('a replaced results.jsonl (rm -rf, new run, file at least as long) drops every old row', async () => {
    const { dir, file } = await tempRunDir();
    await appendMeta(file, { run_id: 'old', started_at: '2026-01-01T00:00:00.000Z', config: {} });
    await appendRows(file, ['t1', 't2', 't3'].map((t) => row('old', t)));
    const before = ResultsIndex.for(file, 'old');
    await before.refresh();
    expect(before.get(key('t1'))?.status).toBe('passed');
    const oldSize = (await fs.stat(file)).size;

    await replaceRun(dir, file, 'new', '2026-01-02T00:00:00.000Z', ['t2']);
    expect((await fs.stat(file)).size).toBeGreaterThan(oldSize);
    const after = ResultsIndex.for(file, 'new');
    await after.refresh();
    expect(after.get(key('t1'))).toBeUndefined();
    expect(after.get(key('t3'))).toBeUndefined();
    expect(after.get(key('t2'))?.status).toBe('failed');
    expect([...after.all()].map((r) => r.task_id)).toEqual(['t2']);
  });

  it('the same run id started again in a replaced directory is a new file too (the meta line differs)', async () => {
    const { dir, file } = await tempRunDir();
    await appendMeta(file, { run_id: 'same', started_at: '2026-01-01T00:00:00.000Z', config: {} });
    await appendRows(file, ['t1', 't2'].map((t) => row('same', t)));
    const idx = ResultsIndex.for(file, 'same');
    await idx.refresh();
    expect(idx.get(key('t1'))).toBeDefined();

    await replaceRun(dir, file, 'same', '2026-01-03T00:00:00.000Z', ['t2']);
    await idx.refresh();
    expect(idx.get(key('t1'))).toBeUndefined();
    expect(idx.get(key('t2'))?.status).toBe('failed');
  });

  it("an index that skips its own appended lines still sees every other writer's, before and after its own", async () => {
    const { file } = await tempRunDir();
    await appendMeta(file, { run_id: 'r', started_at: '2026-01-01T00:00:00.000Z', config: {} });
    const idx = ResultsIndex.for(file, 'r');
    await idx.refresh();
    await idx.append(row('r', 't1'));
    await appendRows(file, [row('r', 't2')]); // another writer, after our append
    await idx.refresh();
    expect(idx.get(key('t2'))).toBeDefined();
    await appendRows(file, [row('r', 't3')]); // another writer, between our last look and our append
    await idx.append(row('r', 't4'));
    await appendRows(file, [row('r', 't5')]);
    await idx.refresh();
    expect([...idx.all()].map((r) => r.task_id).sort()).toEqual(['t1', 't2', 't3', 't4', 't5']);
  });

  it("rows of another run in the same file never count as this run's", async () => {
    const { file } = await tempRunDir();
    await appendMeta(file, { run_id: 'mine', started_at: '2026-01-01T00:00:00.000Z', config: {} });
    await appendRows(file, [row('foreign', 't1'), row('mine', 't2')]);
    const idx = ResultsIndex.for(file, 'mine');
    await idx.refresh();
    expect(idx.get(key('t1'))).toBeUndefined();
    expect(idx.get(key('t2'))).toBeDefined();
    await expect(idx.append(row('foreign', 't3'))).rejects.toThrow(/row of run foreign appended through the index of run mine/);
  });
});

describe('a phase is never completed with units missing', () => {
  it('finishPhase(completed) names the units without a row of this run instead of succeeding', async () => {
    const { dir, file } = await tempRunDir();
    const { tasks } = await loadSuite({ name: 'custom' });
    const ids = tasks.slice(0, 3).map((t) => t.task_id);
    const config = RunConfigSchema.parse({ phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'custom' }, arms: [{ name: 'ref', model: 'reference' }], samples: 3 }] });
    const ctx: PhaseContext = { run_id: 'r', output_dir: dir, phase: config.phases[0]!, retry: config.retry, cache: false };
    await appendMeta(file, { run_id: 'r', started_at: '2026-01-01T00:00:00.000Z', config: {} });
    // One unit recorded by this run, one only by another run, one not at all.
    await appendRows(file, [row('r', ids[0]!), row('other', ids[1]!)]);
    const env = new MockActivityEnvironment();
    const err = await env.run(finishPhase, ctx, 'completed' as const).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect((err as ApplicationFailure).type).toBe(FAILURE.incomplete);
    expect((err as Error).message).toMatch(new RegExp(`2 of 3 units have no row of run r .*${ids[1]} ref#0, ${ids[2]} ref#0`));

    await appendRows(file, [row('r', ids[1]!, 'failed'), { ...row('r', ids[2]!, 'error'), score: null, error_kind: 'transient' }]);
    await expect(env.run(finishPhase, ctx, 'completed' as const)).resolves.toBeUndefined();
    // A cancelled phase is partial by design: no check.
    await fs.writeFile(file, '');
    await expect(env.run(finishPhase, ctx, 'cancelled' as const)).resolves.toBeUndefined();
  });
});
