import { describe, expect, it } from 'vitest';
import { calibrationReport, parseBand } from '../../analysis/calibration';
import type { ResultRow } from '../../config/results';

const row = (sample: number, score: number, feedback?: string, reason?: string): ResultRow => ({
  run_id: 'r', phase: 'calibrate', task_id: 't', arm: 'model', sample, status: score === 1 ? 'passed' : 'failed', score,
  duration_ms: 1, tokens_in: 1, tokens_out: 1, cost_usd: 0, recorded_at: 'x',
  ...(reason ? { reason } : {}), ...(feedback ? { metadata: { feedback } } : {}),
});

describe('calibration report', () => {
  it('says "Target met" inside the band and warns when the Wilson CI crosses an edge', () => {
    const rows = [row(2, 0.8, 'Tier1 cascade unresolved'), row(0, 1, 'All tiers stable'), row(1, 0, undefined, 'turn_limit'), ...[3, 4, 5, 6, 7, 8, 9].map((i) => row(i, i < 6 ? 1 : 0.5, i < 6 ? 'All tiers stable' : 'Tier3 resilience gaps'))];
    const out = calibrationReport(rows, parseBand('10-40'));
    expect(out.slice(0, 3)).toEqual(['Run 1: 100% - All tiers stable', 'Run 2: 0% - No submission (turn_limit)', 'Run 3: 80% - Tier1 cascade unresolved']);
    expect(out.slice(-3)).toEqual([
      'Passed 4/10 (40%)',
      'Average score: 68%',
      "Target met (band 10-40%, pass rate 40%, 95% CI 16.8-68.7%); the CI overlaps the band's edge: 10 runs are too few to tell",
    ]);
  });

  it('rejects a malformed band with the expected form', () => {
    expect(() => parseBand('40-10')).toThrow(/expected LOW-HIGH in percent/);
    expect(() => parseBand('ten')).toThrow(/e\.g\. --band 10-40/);
    expect(parseBand('10-40%')).toEqual({ low: 10, high: 40 });
  });
});
