import { describe, expect, it } from 'vitest';
import { estimatePassAtK, meanInterval, passAtK, wilsonInterval } from '../../report/pass-at-k';

describe('passAtK (Chen et al. unbiased estimator)', () => {
  it('matches hand-computed values', () => {
    expect(passAtK(10, 3, 1)).toBeCloseTo(0.3, 12);
    // 1 - C(7,5)/C(10,5) = 1 - 21/252
    expect(passAtK(10, 3, 5)).toBeCloseTo(1 - 21 / 252, 12);
    expect(passAtK(10, 0, 5)).toBe(0);
    // n - c < k: every k-subset contains a pass
    expect(passAtK(10, 6, 5)).toBe(1);
    expect(passAtK(1, 1, 1)).toBe(1);
  });

  it('stays finite for large n (product form, no binomials)', () => {
    const v = passAtK(2000, 1, 1000);
    expect(v).toBeCloseTo(0.5, 12);
  });

  it('rejects impossible counts', () => {
    expect(() => passAtK(3, 1, 5)).toThrow(RangeError);
    expect(() => passAtK(3, 4, 1)).toThrow(RangeError);
  });
});

describe('intervals', () => {
  it('Wilson matches the hand-computed interval', () => {
    const ci = wilsonInterval(2, 3);
    expect(ci.low).toBeCloseTo(0.20766, 4);
    expect(ci.high).toBeCloseTo(0.93851, 4);
    const all = wilsonInterval(3, 3);
    expect(all.low).toBeCloseTo(0.4385, 4);
    expect(all.high).toBe(1);
  });

  it('normal interval is mean ± 1.96·SEM, and needs two values', () => {
    const ci = meanInterval([0.25, 0.5, 0.5, 0.75]);
    expect(ci?.low).toBeCloseTo(0.29996, 4);
    expect(ci?.high).toBeCloseTo(0.70004, 4);
    expect(meanInterval([0.4])).toBeNull();
  });
});

describe('estimatePassAtK over tasks', () => {
  it('averages over tasks with at least k scored samples and counts the excluded ones', () => {
    const tasks = [
      { n: 10, c: 3 },
      { n: 10, c: 10 },
      { n: 4, c: 4 }, // fewer than 5 samples: no pass@5
    ];
    const at5 = estimatePassAtK(tasks, 5);
    expect(at5.tasks).toBe(2);
    expect(at5.tasks_excluded).toBe(1);
    expect(at5.value).toBeCloseTo((1 - 21 / 252 + 1) / 2, 12);
    expect(at5.ci_method).toBe('normal');

    const at1 = estimatePassAtK(tasks, 1);
    expect(at1.tasks).toBe(3);
    expect(at1.value).toBeCloseTo((0.3 + 1 + 1) / 3, 12);
  });

  it('uses Wilson when per-task values are 0 or 1 (one sample per task)', () => {
    const e = estimatePassAtK([{ n: 1, c: 1 }, { n: 1, c: 0 }, { n: 1, c: 1 }], 1);
    expect(e.value).toBeCloseTo(2 / 3, 12);
    expect(e.ci_method).toBe('wilson');
    expect(e.ci_low).toBeCloseTo(0.20766, 4);
    expect(e.ci_high).toBeCloseTo(0.93851, 4);
  });

  it('uses the normal interval for non-binary per-task values', () => {
    const e = estimatePassAtK([{ n: 4, c: 1 }, { n: 4, c: 2 }, { n: 4, c: 2 }, { n: 4, c: 3 }], 1);
    expect(e.value).toBeCloseTo(0.5, 12);
    expect(e.ci_method).toBe('normal');
    expect(e.ci_low).toBeCloseTo(0.29996, 4);
    expect(e.ci_high).toBeCloseTo(0.70004, 4);
  });

  it('gives null, not 0, when no task qualifies', () => {
    const e = estimatePassAtK([{ n: 2, c: 2 }], 5);
    expect(e).toMatchObject({ value: null, ci_low: null, ci_high: null, ci_method: 'none', tasks: 0, tasks_excluded: 1 });
  });
});
