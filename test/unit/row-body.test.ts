import { describe, expect, it } from 'vitest';
import { ResultRowSchema } from '../../config/results';
import { rowBodyOf } from '../../eval/kinds/benchmark';
import type { TaskState } from '../../eval/types';

const stateWith = (completion: string): TaskState => ({
  sample: { id: 't/0', input: 'q', metadata: {} },
  epoch: 0,
  messages: [],
  output: { completion },
  usage: { tokens_in: 1, tokens_out: 2, cost_usd: 0, calls: 1, cached: false },
  store: {},
});

describe('a row body', () => {
  it('keeps the full answer, and a tail only when the answer is longer than the tail', () => {
    const short = rowBodyOf(stateWith('return 1'), { status: 'passed', value: 1 });
    expect(short.answer).toBe('return 1');
    expect(short).not.toHaveProperty('answer_tail');

    const long = 'x'.repeat(1500) + 'END';
    const body = rowBodyOf(stateWith(long), { status: 'failed', value: 0, reason: 'AssertionError', explanation: 'e'.repeat(3000) });
    expect(body.answer).toBe(long);
    expect(body.answer_tail).toHaveLength(1000);
    expect(body.answer_tail!.endsWith('END')).toBe(true);
    expect(body.stderr_tail).toHaveLength(1000);
    // Either shape is a valid row.
    for (const b of [short, body]) ResultRowSchema.parse({ ...b, run_id: 'r', phase: 'p', task_id: 't', arm: 'a', sample: 0, duration_ms: 1, recorded_at: 'now' });
  });
});
