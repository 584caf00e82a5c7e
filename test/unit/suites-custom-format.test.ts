import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCustom } from '../../eval/suites/custom';
import { SuiteDataError } from '../../eval/suites';
import { canonicalProgram } from '../../config/task';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-custom-format-'));
const write = (name: string, tasks: unknown[]) => {
  const f = path.join(dir, name);
  writeFileSync(f, JSON.stringify({ tasks }));
  return f;
};
const bodyTask = (id: string, extra: Record<string, unknown> = {}) => ({
  task_id: id,
  prompt: 'def add(a, b):\n    """Sum."""\n',
  entry_point: 'add',
  canonical_solution: '\n    # the sum\n    return a + b\n',
  test_code: 'assert add(1, 2) == 3\n',
  ...extra,
});

describe('custom tasks: a HumanEval-style body needs "format": "completion"', () => {
  it('an instruct task whose canonical solution starts indented is refused with the hint, naming the tasks', async () => {
    const file = write('bodies.json', [bodyTask('b/0'), { ...bodyTask('ok'), canonical_solution: 'def add(a, b):\n    return a + b\n' }, bodyTask('b/2')]);
    const err = await loadCustom(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SuiteDataError);
    const msg = (err as Error).message;
    expect(msg).toContain(file);
    expect(msg).toMatch(/tasks\[0\] \(b\/0\), tasks\[2\] \(b\/2\): canonical_solution starts indented/);
    expect(msg).not.toMatch(/\(ok\)/);
    expect(msg).toMatch(/Add "format": "completion" to those tasks/);
  });

  it('with "format": "completion" the same task loads and its program is prompt + body', async () => {
    const [t] = await loadCustom(write('completion.json', [bodyTask('c/0', { format: 'completion' })]));
    expect(t!.format).toBe('completion');
    expect(canonicalProgram(t!)).toMatch(/^def add\(a, b\):\n[\s\S]*return a \+ b\n$/);
  });
});
