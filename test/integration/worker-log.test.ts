import { describe, expect, it } from 'vitest';
import { HUMANEVAL, startRun, tempDir, uniqueQueue } from '../helpers/temporal';
import { rowsOf } from '../helpers/files';
import { workerProcess } from '../helpers/processes';
import { useMockApi } from '../helpers/mock-api';
import type { RunOutcome } from '../../workflows/benchmark-run';

const api = useMockApi(10);

describe("the worker's output", () => {
  it('a 429 storm is a few concise lines, without a single stack trace', async () => {
    api().configure({ faults: '429:1-40', answers: 'canonical' });
    const before = api().stats().faults['429'];
    const queue = uniqueQueue('quiet');
    const out = tempDir();
    const worker = workerProcess(queue);
    try {
      const handle = await startRun(queue, {
        output_dir: out,
        cache: false,
        backoff: { initial_s: 0.5, max_s: 1, multiplier: 2, max_total_wait_s: 600 },
        phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval', data: HUMANEVAL }, arms: [{ name: 'mock', model: 'mock', base_url: api().url }], samples: 10, concurrency: 4 }],
      });
      expect(((await handle.result()) as RunOutcome).state).toBe('completed');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
      api().configure({ faults: '' });
    }
    const refused = api().stats().faults['429'] - before;
    expect(refused).toBeGreaterThanOrEqual(10);
    expect((await rowsOf(out)).rows.filter((r) => r.status === 'passed')).toHaveLength(10);
    const output = worker.output();
    const lines = output.split('\n').filter(Boolean);
    expect(output).toMatch(/runUnit rate_limited \(attempt \d+\): mock: mock API call failed \(429/);
    expect(output, output).not.toMatch(/^\s+at /m);
    expect(output).not.toMatch(/taskToken|Activity failed/);
    // Far fewer lines than refusals: a storm is aggregated, not echoed.
    expect(lines.length, output).toBeLessThan(refused);
  });
});
