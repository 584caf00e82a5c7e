import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mcnemarExact } from '../../analysis/mcnemar';
import { compareRuns } from '../../analysis/compare';
import { summarizeRun } from '../../report/summarize';
import { writeReport } from '../../report';
import type { ResultRow } from '../../config/results';
import { row } from './report-fixtures';

/**
 * Two arms over three categories with a known paired structure:
 *  cat X: 10 tasks, cot passes 8, direct passes 2 (cot only on 6, both on 2)
 *  cat Y: 4 tasks, cot 1, direct 3 (direct only on 2, both on 1)
 *  cat Z: 2 tasks, both fail both; plus one error row for direct (kept out of everything)
 */
function rows(): ResultRow[] {
  const out: ResultRow[] = [];
  const add = (cat: string, i: number, cot: boolean, direct: boolean | 'error') => {
    const task_id = `bbh/${cat}/${i}`;
    out.push(row({ task_id, arm: 'cot', status: cot ? 'passed' : 'failed', category: cat }));
    out.push(row({ task_id, arm: 'direct', status: direct === 'error' ? 'error' : direct ? 'passed' : 'failed', category: cat, ...(direct === 'error' ? { error_kind: 'api_5xx' } : {}) }));
  };
  for (let i = 0; i < 10; i++) add('X', i, i < 8, i < 2);
  for (let i = 0; i < 4; i++) add('Y', i, i === 0, i < 3);
  add('Z', 0, false, false);
  add('Z', 1, false, false);
  add('Z', 2, false, 'error');
  return out;
}

describe('report: averages over categories and paired McNemar', () => {
  const s = summarizeRun({ rows: rows(), record: null, crashes: [], now: new Date(0) });
  const p = s.phases[0]!;

  it('macro weighs categories equally, micro weighs examples equally', () => {
    const [cot, direct] = p.category_averages;
    // cot: X 8/10, Y 1/4, Z 0/3 -> macro (0.8 + 0.25 + 0)/3, micro 9/17
    expect(cot).toMatchObject({ arm: 'cot', categories: 3, scored: 17, passed: 9 });
    expect(cot!.macro).toBeCloseTo((0.8 + 0.25 + 0) / 3, 12);
    expect(cot!.micro).toBeCloseTo(9 / 17, 12);
    expect(cot!.micro_ci![0]).toBeLessThan(9 / 17);
    expect(cot!.macro_ci![1]).toBeGreaterThan(cot!.macro!);
    // direct: the error row is not a sample: X 2/10, Y 3/4, Z 0/2
    expect(direct).toMatchObject({ arm: 'direct', categories: 3, scored: 16, passed: 5 });
    expect(direct!.macro).toBeCloseTo((0.2 + 0.75 + 0) / 3, 12);
  });

  it('tests the arms pairwise, overall and per category, on tasks both scored', () => {
    const by = (c: string | null) => p.comparisons.find((x) => x.category === c)!;
    expect(p.comparisons.map((c) => c.category)).toEqual([null, 'X', 'Y', 'Z']);
    expect(by('X')).toMatchObject({ arm_a: 'cot', arm_b: 'direct', tasks: 10, passed_a: 8, passed_b: 2, a_only: 6, b_only: 0, p_value: mcnemarExact(6, 0) });
    expect(by('Y')).toMatchObject({ tasks: 4, a_only: 0, b_only: 2, p_value: mcnemarExact(0, 2) });
    expect(by('Z')).toMatchObject({ tasks: 2, a_only: 0, b_only: 0, p_value: 1 });
    expect(by(null)).toMatchObject({ tasks: 16, a_only: 6, b_only: 2, p_value: mcnemarExact(6, 2) });
  });

  it('agrees with gauntlet compare on the same run, and renders in report.md and report.html', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-report-mcnemar-'));
    try {
      await fs.writeFile(path.join(dir, 'results.jsonl'), rows().map((r) => JSON.stringify(r)).join('\n') + '\n');
      const c = await compareRuns(dir, dir, { arm: 'cot', armB: 'direct' });
      expect([c.paired.tasks, c.mcnemar.b, c.mcnemar.c, c.mcnemar.p_value]).toEqual([16, 6, 2, p.comparisons[0]!.p_value]);
      await writeReport(dir);
      const md = await fs.readFile(path.join(dir, 'report.md'), 'utf8');
      expect(md).toContain('### Averages over categories');
      expect(md).toMatch(/\| cot \| 3 \| 17 \| 9 \| 35\.0% \\\[[\d.]+%–[\d.]+%\\\] \| 52\.9% \\\[[\d.]+%–[\d.]+%\\\] \|/);
      expect(md).toContain(`| X | 80.0%`);
      expect(md).toContain(`p = ${mcnemarExact(6, 0).toFixed(4)} (6/0) |`);
      expect(md).toContain(`| cot vs direct | 16 | 9 | 5 | 6 | 2 | ${mcnemarExact(6, 2).toFixed(4)} |`);
      const html = await fs.readFile(path.join(dir, 'report.html'), 'utf8');
      expect(html).toContain('<h3>Averages over categories</h3>');
      expect(html).toContain('Paired comparison (McNemar exact');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('adds nothing for a one-arm phase without categories', () => {
    const one = summarizeRun({ rows: [row({ task_id: 't', status: 'passed' })], record: null, crashes: [], now: new Date(0) });
    expect([one.phases[0]!.category_averages, one.phases[0]!.comparisons]).toEqual([[], []]);
  });
});
