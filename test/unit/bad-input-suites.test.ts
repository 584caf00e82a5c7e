import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { SuiteDataError } from '../../eval/suites';
import { loadCustom } from '../../eval/suites/custom';
import { loadHumanEval } from '../../eval/suites/humaneval';
import { loadHumanEvalPlus } from '../../eval/suites/humanevalplus';
import type { Task } from '../../config/task';

/**
 * Every malformed suite file ends in a SuiteDataError that names the file, the record and the
 * field, never in a TypeError or a partial task list. Malformed humanevalplus records are caught
 * before any Python runs.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-bad-suites-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const write = (name: string, data: string | Uint8Array) => {
  const f = path.join(tmp, `${n++}-${name}`);
  writeFileSync(f, data);
  return f;
};
const RUNS = { numRuns: 40 };

type Loader = (file: string) => Promise<Task[]>;
async function failure(load: Loader, file: string): Promise<SuiteDataError> {
  let tasks: Task[] | undefined;
  try {
    tasks = await load(file);
  } catch (e) {
    expect(e, String((e as Error)?.stack)).toBeInstanceOf(SuiteDataError);
    expect((e as Error).message).toContain(file);
    return e as SuiteDataError;
  }
  throw new Error(`expected ${file} to be rejected, got ${tasks.length} tasks`);
}

const DELETE = Symbol('delete');
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notArray = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const notIdentifier = fc.oneof(notString, fc.stringMatching(/^([0-9][a-z]*|[a-z]* [a-z]+|)$/));

/** Optional fields: leaving them out is fine, so only wrong values are tried. */
const OPTIONAL = new Set(['format', 'category', 'timeout_s']);

/** A field of a record and a value that the schema must refuse there (or its absence). */
function corruption(bad: Record<string, fc.Arbitrary<unknown>>, optional: ReadonlySet<string> = OPTIONAL) {
  return fc.constantFrom(...Object.keys(bad)).chain((field) =>
    fc.record({ field: fc.constant(field), value: optional.has(field) ? bad[field]! : fc.oneof(fc.constant<typeof DELETE>(DELETE), bad[field]!) }),
  );
}
/** `field: ...` or `field.0.1: ...` (an element inside it). */
const namesField = (message: string, field: string) => expect(message).toMatch(new RegExp(`\\)?:? ${field}(\\.[\\w.]+)?: `));
function corrupt(rec: Record<string, unknown>, c: { field: string; value: unknown }) {
  const out = { ...rec };
  if (c.value === DELETE) delete out[c.field];
  else out[c.field] = c.value;
  return out;
}

const heRecord = (i: number) =>
  fc.record({
    task_id: fc.constant(`T/${i}`),
    prompt: fc.string(),
    entry_point: identifier,
    canonical_solution: fc.string(),
    test: fc.constant('def check(candidate):\n    assert candidate is not None\n'),
  });
const plusExtra = { base_input: fc.constant([[1], [2]]), plus_input: fc.constant([[3]]), atol: fc.constantFrom(0, 1e-6) };
const plusRecord = (i: number) => heRecord(i).chain((r) => fc.record(plusExtra).map((x) => ({ ...r, ...x })));

const HE_BAD = {
  task_id: fc.oneof(notString, fc.constant('')),
  prompt: notString,
  entry_point: notIdentifier,
  canonical_solution: notString,
  test: fc.oneof(notString, fc.constant('assert True')),
};
// EvalPlus needs no `test` (only the original_check option does); {} is MBPP+'s "no inputs"
const notInputs = notArray.filter((v) => !(v && typeof v === 'object' && Object.keys(v).length === 0));
const PLUS_OPTIONAL = new Set([...OPTIONAL, 'test']);
const PLUS_BAD = {
  ...HE_BAD,
  base_input: fc.oneof(notInputs, fc.constant([1, 2]), fc.constant([[1], 'x'])),
  plus_input: fc.oneof(notInputs, fc.constant([null])),
  atol: fc.oneof(fc.string(), fc.constant(null), fc.constant(-1e-6), fc.array(fc.integer(), { maxLength: 1 })),
};

const jsonlCases = (record: (i: number) => fc.Arbitrary<Record<string, unknown>>, bad: Record<string, fc.Arbitrary<unknown>>, optional?: ReadonlySet<string>) =>
  fc.integer({ min: 1, max: 4 }).chain((count) =>
    fc.record({
      records: fc.tuple(...Array.from({ length: count }, (_, i) => record(i))),
      at: fc.nat({ max: count - 1 }),
      c: corruption(bad, optional),
    }),
  );

describe.each([
  ['humaneval', loadHumanEval, heRecord, HE_BAD, OPTIONAL],
  ['humanevalplus', (f: string) => loadHumanEvalPlus(f), plusRecord, PLUS_BAD, PLUS_OPTIONAL],
] as const)('%s JSON Lines', (name, load, record, bad, optional) => {
  it('a missing or wrongly typed field names the file, the line, the task id and the field', async () => {
    await fc.assert(
      fc.asyncProperty(jsonlCases(record, bad, optional), fc.boolean(), async ({ records, at, c }, gz) => {
        const lines = records.map((r, i) => JSON.stringify(i === at ? corrupt(r, c) : r));
        const text = lines.join('\n') + '\n';
        const file = write(`${name}.jsonl${gz ? '.gz' : ''}`, gz ? gzipSync(text) : text);
        const e = await failure(load, file);
        expect(e.message).toContain(`${file}, line ${at + 1}`);
        namesField(e.message, c.field);
        if (c.field !== 'task_id') expect(e.message).toContain(`(task_id "T/${at}")`);
      }),
      RUNS,
    );
  });

  it('a line that is not a JSON object names the file and the line', async () => {
    const notObject = fc.oneof(
      fc.string().filter((s) => s.trim() !== '' && !s.includes('\n') && !isJson(s)),
      fc.oneof(fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.string()).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(jsonlCases(record, bad), notObject, async ({ records, at }, line) => {
        const lines = records.map((r, i) => (i === at ? line : JSON.stringify(r)));
        const file = write(`${name}.jsonl`, lines.join('\n'));
        const e = await failure(load, file);
        expect(e.message).toMatch(new RegExp(`^${escape(file)}, line ${at + 1}(: not valid JSON| \\(task_id .*\\))?:? `));
      }),
      RUNS,
    );
  });

  it('duplicated task ids name both lines', async () => {
    await fc.assert(
      fc.asyncProperty(record(0), record(1), async (a, b) => {
        const file = write(`${name}.jsonl`, [a, b, a].map((r) => JSON.stringify(r)).join('\n'));
        const e = await failure(load, file);
        expect(e.message).toBe(`${file}, line 3: task_id "T/0" was already used at line 1; task ids must be unique`);
      }),
      { numRuns: 10 },
    );
  });

  it('empty files, garbage bytes and broken gzip are refused with the file named', async () => {
    const garbage = fc.oneof(
      fc.constantFrom('', '\n\n', '   \n'),
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b])),
      fc.uint8Array({ maxLength: 64 }).map((b) => gzipSync(b)),
    );
    await fc.assert(
      fc.asyncProperty(garbage, fc.boolean(), async (data, gzName) => {
        const file = write(`${name}.jsonl${gzName ? '.gz' : ''}`, data);
        await failure(load, file);
      }),
      RUNS,
    );
  });
});

describe('custom tasks.json', () => {
  const task = (i: number) =>
    fc.record({
      task_id: fc.constant(`C_${i}`),
      prompt: fc.string(),
      entry_point: identifier,
      canonical_solution: fc.string(),
      test_code: fc.string({ minLength: 1 }),
      format: fc.constantFrom('completion', 'instruct'),
    });
  const BAD = {
    task_id: fc.oneof(notString, fc.constant('')),
    prompt: notString,
    entry_point: notIdentifier,
    canonical_solution: notString,
    test_code: fc.oneof(notString, fc.constant('')),
    format: fc.oneof(fc.string().filter((s) => s !== 'completion' && s !== 'instruct'), fc.integer()),
    category: notString,
    timeout_s: fc.oneof(fc.constant(0), fc.constant(-1), fc.string(), fc.constant(null)),
  };

  it('a bad field names the file, the index (tasks[i] or [i]), the task id and the field', async () => {
    await fc.assert(
      fc.asyncProperty(jsonlCases(task, BAD), fc.boolean(), async ({ records, at, c }, wrapped) => {
        const list = records.map((r, i) => (i === at ? corrupt(r, c) : r));
        const file = write('tasks.json', JSON.stringify(wrapped ? { tasks: list } : list, null, 1));
        const e = await failure(loadCustom, file);
        expect(e.message).toContain(`${file}, ${wrapped ? 'tasks' : ''}[${at}]`);
        namesField(e.message, c.field);
        if (c.field !== 'task_id') expect(e.message).toContain(`(task_id "C_${at}")`);
      }),
      RUNS,
    );
  });

  it('a document that is not a task list says what was expected', async () => {
    const doc = fc.oneof(
      fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.boolean()),
      fc.record({ tasks: notArray }),
      fc.dictionary(fc.string().filter((k) => k !== 'tasks'), fc.integer(), { maxKeys: 3 }),
      fc.constantFrom([], { tasks: [] }),
    );
    await fc.assert(
      fc.asyncProperty(doc, async (d) => {
        const file = write('tasks.json', JSON.stringify(d));
        const e = await failure(loadCustom, file);
        expect(e.message).toMatch(/expected \{"tasks": \[\.\.\.\]\} or a JSON array of tasks|the task list is empty/);
      }),
      RUNS,
    );
  });

  it('non-JSON text and garbage bytes are refused with the file named', async () => {
    const text = fc.oneof(fc.string().filter((s) => !isJson(s)), fc.uint8Array({ maxLength: 64 }));
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        await failure(loadCustom, write('tasks.json', t));
      }),
      RUNS,
    );
  });
});

function isJson(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
