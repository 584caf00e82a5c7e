import { mkdtempSync, appendFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditLines, tornPrefix } from '../chaos/lib/torn';
import { Rng } from '../chaos/lib/rng';
import { appendRows, readResults } from '../../store/results';
import type { ResultRow } from '../../config/results';

const row = (task: number): ResultRow => ({
  run_id: 'r',
  phase: 'bench',
  task_id: `HumanEval/${task}`,
  arm: 'ref',
  sample: 0,
  status: 'passed',
  score: 1,
  duration_ms: 5,
  tokens_in: 0,
  tokens_out: 0,
  cost_usd: 0,
  recorded_at: '2025-01-01T00:00:00Z',
});

describe('chaos helpers', () => {
  it('a torn prefix is never valid JSON and never the whole line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (task, at) => {
        const line = JSON.stringify(row(task));
        const cut = tornPrefix(line, at);
        expect(cut.length).toBeGreaterThan(0);
        expect(cut.length).toBeLessThan(line.length);
        expect(() => JSON.parse(cut)).toThrow();
      }),
    );
  });

  it('the same seed gives the same strike points; forks are independent streams', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    expect(a.points(5, 0.1, 0.9)).toEqual(b.points(5, 0.1, 0.9));
    expect(new Rng(42).fork('kills').next()).not.toBe(new Rng(42).fork('faults').next());
    const pts = new Rng(7).points(20, 0.05, 0.9);
    expect(pts.every((p, i) => p >= 0.05 && p < 0.9 && (i === 0 || p >= pts[i - 1]!))).toBe(true);
  });

  it('a torn last line is isolated by the next append and skipped on read (no row lost)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'chaos-torn-')), 'results.jsonl');
    await appendRows(file, [row(1), row(2)]);
    appendFileSync(file, tornPrefix(JSON.stringify(row(3)), 0.5)); // a writer killed mid-line
    expect(auditLines(readFileSync(file, 'utf8')).trailing).not.toBe('');
    await appendRows(file, [row(3), row(4)]);
    const audit = auditLines(readFileSync(file, 'utf8'));
    expect(audit).toMatchObject({ complete: 5, parsed: 4, unparsable: 1, trailing: '' });
    const read = await readResults(file);
    expect(read.rows.map((r) => r.task_id)).toEqual(['HumanEval/1', 'HumanEval/2', 'HumanEval/3', 'HumanEval/4']);
    expect(read.skippedLines).toBe(1);
  });
});
