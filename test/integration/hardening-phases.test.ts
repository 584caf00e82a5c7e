import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runToEnd, tempDir } from '../helpers/temporal';
import { jsonOf, rowsOf } from '../helpers/files';

describe('validate and mutation phases in a run', () => {
  it('runs validate → mutation → benchmark on the built-in custom suite and writes the mutation report', async () => {
    const out = tempDir();
    const ids = ['ALGO_001', 'DATA_002', 'API_003', 'TEST_004', 'BUG_005'];
    const suite = { name: 'custom' as const };
    const outcome = await runToEnd({
      output_dir: out,
      phases: [
        { name: 'validate', kind: 'validate', suite, sample_ids: ids },
        { name: 'mutation', kind: 'mutation', suite, sample_ids: ids, operators: ['return-none', 'comparison-swap'] },
        { name: 'benchmark', kind: 'benchmark', suite, sample_ids: ids, arms: [{ name: 'ref', model: 'reference' }] },
      ],
    });
    expect(outcome.state).toBe('completed');
    expect(outcome.phases.map((p) => p.state)).toEqual(['completed', 'completed', 'completed']);
    const { rows } = await rowsOf(out);
    const by = (phase: string) => rows.filter((r) => r.phase === phase);
    expect(by('validate').map((r) => [r.task_id, r.status]).sort()).toEqual(ids.map((id) => [id, 'passed']).sort());
    expect(by('benchmark').every((r) => r.status === 'passed')).toBe(true);
    // Every task's tests catch every return-none mutant, so each mutation row has a real score.
    const mutation = by('mutation');
    expect(mutation).toHaveLength(5);
    for (const r of mutation) expect(r.score).toBeGreaterThan(0.5);
    const report = JSON.parse(readFileSync(path.join(out, 'mutation/mutation/mutation-report.json'), 'utf8'));
    expect(Object.keys(report.files).sort()).toEqual([...ids].sort());
    const statuses = Object.values(report.files).flatMap((f: any) => f.mutants.map((m: any) => m.status));
    expect(statuses.length).toBeGreaterThan(5);
    expect(statuses).toContain('Killed');
    expect(existsSync(path.join(out, 'mutation/mutation/mutation-report.html'))).toBe(true);
    expect(jsonOf(out, 'report.json').phases.map((p: { name: string }) => p.name)).toEqual(['validate', 'mutation', 'benchmark']);
  });
});
