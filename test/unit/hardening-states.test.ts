import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TaskSchema, type Task } from '../../config/task';
import { createSandbox, type Sandbox } from '../../sandbox';
import { mutateTask, summarizeSuite, type TaskMutation } from '../../hardening/mutate';
import { createLimiter } from '../../util/limiter';
import type { IgnoreEntry } from '../../hardening/ignore';
import type { Operator } from '../../hardening/operators';
import { toMutationReport } from '../../hardening/report-json';
import { renderMutationHtml } from '../../hardening/report-html';
import { renderMutationSummary } from '../../hardening/summary';

/** Small hand-written tasks, each built so one operator yields a known mutant state. */
const task = (task_id: string, canonical_solution: string, test_code: string, entry_point: string): Task =>
  TaskSchema.parse({ task_id, prompt: '', entry_point, canonical_solution, test_code, format: 'instruct' });

// `x >= 10` survives (nothing tests 10), `x <= 10` is killed (clamp(3) would be 10).
const clamp = task('clamp', 'def clamp(x):\n    if x > 10:\n        return 10\n    return x\n', 'assert clamp(20) == 10\nassert clamp(3) == 3\n', 'clamp');
// `i -= 1` never reaches n: the run is stopped by the timeout.
const count = task('count', 'def count(n):\n    i = 0\n    while i < n:\n        i += 1\n    return i\n', 'assert count(3) == 3\n', 'count');
// Deleting `n = 0` leaves `nonlocal n` without a binding: a SyntaxError raised by compile().
const counter = task(
  'counter',
  'def counter():\n    n = 0\n    def inc():\n        nonlocal n\n        n += 1\n        return n\n    return inc\n',
  'c = counter()\nassert c() == 1\nassert c() == 2\n',
  'counter',
);
// The negated condition calls os._exit: the process dies before any result, a runtime error.
const exits = task('exits', 'import os\n\ndef f(x):\n    if x > 100:\n        os._exit(3)\n    return x\n', 'assert f(1) == 1\n', 'f');
const broken = task('broken', 'def g():\n    return 1\n', 'assert g() == 2\n', 'g');

const ignore: IgnoreEntry[] = [{ task_id: 'counter', operator: 'statement-deletion', line: 5, reason: 'test: pretend n += 1 is equivalent' }];

let sandbox: Sandbox;
const results = new Map<string, TaskMutation>();

beforeAll(async () => {
  sandbox = createSandbox({ mode: 'fresh' });
  const limiter = createLimiter(2);
  const plan: [Task, Operator[]][] = [
    [clamp, ['comparison-swap']],
    [count, ['arithmetic-swap']],
    [counter, ['statement-deletion']],
    [exits, ['condition-negation']],
    [broken, ['return-none']],
  ];
  await Promise.all(plan.map(async ([t, operators]) => results.set(t.task_id, await mutateTask(t, { sandbox, operators, ignore, limiter }))));
}, 120_000);

afterAll(async () => sandbox?.close());

const byReplacement = (t: TaskMutation) => Object.fromEntries(t.mutants.map((m) => [`${m.start.line}:${m.replacement}`, m.status]));

describe('mutant states', () => {
  it('Killed and Survived: the comparison swap the tests miss survives', () => {
    const r = results.get('clamp')!;
    expect(byReplacement(r)).toEqual({ '2:x >= 10': 'Survived', '2:x <= 10': 'Killed' });
    expect(r.metrics).toMatchObject({ Killed: 1, Survived: 1, valid: 2, detected: 1, score: 50 });
    expect(r.mutants.find((m) => m.status === 'Survived')!.mutated_line).toBe('if x >= 10:');
  });

  it('Timeout: an endless loop is stopped and counts as detected', () => {
    const r = results.get('count')!;
    expect(byReplacement(r)).toEqual({ '4:i -= 1': 'Timeout' });
    expect(r.metrics).toMatchObject({ Timeout: 1, detected: 1, valid: 1, score: 100 });
  });

  it('CompileError and Ignored: neither is run nor scored', () => {
    const r = results.get('counter')!;
    const states = byReplacement(r);
    expect(states['2:pass']).toBe('CompileError');
    expect(states['5:pass']).toBe('Ignored');
    expect(r.mutants.find((m) => m.status === 'Ignored')!.statusReason).toBe('test: pretend n += 1 is equivalent');
    expect(r.mutants.find((m) => m.status === 'CompileError')!.statusReason).toMatch(/nonlocal/);
    expect(states['6:pass']).toBe('Killed');
    expect(states['7:pass']).toBe('Killed');
    expect(r.metrics).toMatchObject({ CompileError: 1, Ignored: 1, Killed: 2, valid: 2, score: 100 });
  });

  it('RuntimeError: a mutant that kills the test process is excluded from the score', () => {
    const r = results.get('exits')!;
    expect(r.mutants.map((m) => m.status)).toEqual(['RuntimeError']);
    expect(r.metrics.valid).toBe(0);
    expect(r.metrics.score).toBeNull();
  });

  it('a task whose canonical solution fails is not mutation-tested', () => {
    const r = results.get('broken')!;
    expect(r.status).toBe('canonical-failed');
    expect(r.mutants).toEqual([]);
    expect(r.error).toMatch(/canonical solution does not pass/);
  });
});

describe('suite summary and reports', () => {
  const suite = () => summarizeSuite([...results.values()], [...ignore, { task_id: 'clamp', operator: 'return-none', line: 9, reason: 'stale' }]);

  it('scores the suite as Stryker does: (Killed + Timeout) / (Killed + Timeout + Survived)', () => {
    const s = suite();
    expect(s.metrics).toMatchObject({ Killed: 3, Survived: 1, Timeout: 1, CompileError: 1, RuntimeError: 1, Ignored: 1, detected: 4, valid: 5, score: 80 });
    expect(s.byOperator['comparison-swap']).toMatchObject({ score: 50 });
    expect(s.unusedIgnores.map((e) => e.reason)).toEqual(['stale']);
  });

  it('writes the mutation-testing-report-schema format, keyed by task id', () => {
    const report = toMutationReport(suite(), { suite: 'unit' });
    expect(report.schemaVersion).toBe('2');
    expect(report.thresholds).toEqual({ high: 80, low: 60 });
    expect(report.files['clamp']!.source).toBe(clamp.canonical_solution);
    const survivor = report.files['clamp']!.mutants.find((m) => m.status === 'Survived')!;
    expect(survivor).toMatchObject({ mutatorName: 'comparison-swap', replacement: 'x >= 10', location: { start: { line: 2, column: 8 }, end: { line: 2, column: 14 } } });
    expect(report.files['counter']!.mutants.find((m) => m.status === 'Ignored')!.statusReason).toMatch(/equivalent/);
  });

  it('renders a self-contained HTML report and a Markdown summary naming the survivors', () => {
    const s = suite();
    const html = renderMutationHtml(toMutationReport(s, { suite: 'unit' }));
    expect(html).toContain('<mutation-test-report-app');
    expect(html).toContain('customElements');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const md = renderMutationSummary(s, { suite: 'unit' });
    expect(md).toContain('**Mutation score 80.00%**');
    expect(md).toMatch(/\*\*clamp\*\*: 50\.00%/);
    expect(md).toContain('line 2 comparison-swap (`x > 10` → `x >= 10`): `if x >= 10:`');
    expect(md).toContain('broken: the canonical solution does not pass');
  });
});
