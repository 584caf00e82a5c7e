import { describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readResults } from '../../store/results';
import { RowIndex } from '../../view/row-index';
import { querySamples } from '../../view/samples-query';
import { survivorDiffs } from '../../view/run-data';
import type { TaskMutation } from '../../hardening/mutate';
import { row } from './report-fixtures';

const line = (r: object) => JSON.stringify(r) + '\n';

describe('the viewer row index', () => {
  it('agrees with the file reader while the file grows, keeps offsets, collapses duplicates and counts a torn tail', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'gauntlet-index-'));
    const file = path.join(dir, 'results.jsonl');
    const a = row({ task_id: 'a', status: 'passed', answer: 'é answer a' });
    const b = row({ task_id: 'b', status: 'failed', reason: 'assertion', answer: 'answer b' });
    await fs.writeFile(file, line({ meta: { run_id: 'r', started_at: 'x', config: {} } }) + line(a) + line(b));
    const idx = new RowIndex(file);
    await idx.refresh();
    expect(idx.rows().map((r) => r.task_id)).toEqual(['a', 'b']);
    expect(idx.rows()[0]!.answer).toBeUndefined(); // answers stay on disk
    expect((await idx.fullRow(idx.entries()[0]!))!.answer).toBe('é answer a');

    const b2 = { ...b, status: 'passed', reason: undefined, answer: 'fixed' };
    await fs.appendFile(file, line(b2) + line(row({ task_id: 'c', status: 'error', error_kind: 'api_5xx' })) + '{"torn": ');
    await idx.refresh();
    const read = await readResults(file, { withoutAnswers: true });
    expect(idx.rows()).toEqual(read.rows);
    expect(idx.stats()).toEqual({ skipped_lines: read.skippedLines, duplicates: read.duplicates });
    expect((await idx.fullRow(idx.entries().find((e) => e.row.task_id === 'b')!))!.answer).toBe('fixed');

    // The torn tail is finished by the next append: read once, not counted twice.
    await fs.appendFile(file, '"x"}\n' + line(row({ task_id: 'd', status: 'failed', reason: 'timeout' })));
    await idx.refresh();
    const again = await readResults(file, { withoutAnswers: true });
    expect(idx.rows()).toEqual(again.rows);
    expect(idx.stats()).toEqual({ skipped_lines: again.skippedLines, duplicates: again.duplicates });

    const failed = querySamples(idx.entries(), { status: 'failed' }, 1, 50);
    expect(failed.rows.map((r) => r.task_id)).toEqual(['d']);
    expect(querySamples(idx.entries(), { reason: 'api_5xx' }, 1, 50).rows.map((r) => r.task_id)).toEqual(['c']);
    expect(querySamples(idx.entries(), {}, 2, 3)).toMatchObject({ total: 4, pages: 2, page: 2 });
  });

  it('shows a surviving mutant as a diff of the canonical program, indentation kept', () => {
    const m = {
      task_id: 't',
      source: 'def f(x):\n    return x < 3\n',
      mutants: [{ id: 't:1', operator: 'comparison-swap', status: 'Survived', description: '< to >=', start: { line: 2, column: 12 }, end: { line: 2, column: 17 }, original: 'x < 3', replacement: 'x >= 3', mutated_line: 'return x >= 3' }],
    } as unknown as TaskMutation;
    const [d] = survivorDiffs(m);
    expect(d!.diff).toContain('-    return x < 3');
    expect(d!.diff).toContain('+    return x >= 3');
  });
});
