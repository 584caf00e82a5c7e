import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { runToEnd, tempDir } from '../helpers/temporal';
import { gauntlet } from '../helpers/processes';

describe('gauntlet status', () => {
  it('answers for a finished run from its files, with no worker up to replay a query', async () => {
    const out = tempDir();
    // The in-process worker is gone once runToEnd returns: a query would wait for one.
    const outcome = await runToEnd({ output_dir: out, phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'custom' }, samples: 3, arms: [{ name: 'ref', model: 'reference' }] }] });
    expect(outcome.state).toBe('completed');
    const p = gauntlet(['status', out, '--address', inject('temporalAddress')]);
    expect(await p.exited).toBe(0);
    expect(p.output()).toContain(`${outcome.workflow_id}: COMPLETED`);
    expect(p.output()).toMatch(/b\/ref: 100\.0% samples \(3\/3\)/);
    // Its files say it ended: no Temporal round trip is needed, so no server at all will do.
    const offline = gauntlet(['status', out, '--address', '127.0.0.1:1']);
    expect(await offline.exited).toBe(0);
    expect(offline.output()).toContain(`${outcome.workflow_id}: COMPLETED (ended `);
    expect(offline.output()).toContain('from run.json');
  });
});
