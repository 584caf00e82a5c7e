import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import YAML from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../cli/commands/run';
import { formatZodError, normalizeRunInput, PHASE_KINDS, RunInputSchema } from '../../config/run-config';

/**
 * Every malformed run config, whether handed to the workflow (`{config}` or a bare config) or read
 * from a JSON/YAML file by the CLI, ends in one formatted message naming where it came from and the
 * path of each bad field. Never a TypeError, never a half-applied config.
 */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-bad-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const RUNS = { numRuns: 60 };

const VALID = {
  run_id: 'r1',
  phases: [{ name: 'bench', kind: 'benchmark', suite: { name: 'humaneval' }, arms: [{ name: 'a', model: 'anthropic/claude-sonnet-4-5' }], k: [1] }],
};

type Path = (string | number)[];
const DELETE = Symbol('delete');
const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const notArray = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notPositive = fc.oneof(fc.integer({ min: -1000, max: 0 }), notNumber);
const notPositiveInt = fc.oneof(notPositive, fc.double({ min: 0.01, max: 100, noNaN: true }).filter((x) => !Number.isInteger(x)));
const nameBad = fc.oneof(fc.constantFrom('', 'has space', 'a/b', 'é'), notString);
const outside = (allowed: readonly string[]) => fc.oneof(fc.string().filter((s) => !allowed.includes(s)), notString);

/** Where to break the config, and values the schema must refuse there (DELETE: a required field left out). */
const BREAKS: [Path, fc.Arbitrary<unknown>][] = [
  [['phases'], fc.oneof(fc.constant([]), notArray, fc.constant(DELETE))],
  [['phases', 0], fc.oneof(notArray, fc.constant([]))],
  [['phases', 0, 'name'], fc.oneof(nameBad, fc.constant(DELETE))],
  [['phases', 0, 'kind'], fc.oneof(outside(PHASE_KINDS), fc.constant(DELETE))],
  [['phases', 0, 'suite'], fc.oneof(notString, fc.constant(DELETE))],
  // Names are Refs, checked against the registry by the CLI and the worker (test/unit/eval-registry.test.ts).
  [['phases', 0, 'suite', 'name'], fc.oneof(fc.constantFrom('', '   '), notString, fc.constant(DELETE))],
  [['phases', 0, 'suite', 'options'], fc.oneof(fc.string(), fc.integer(), fc.array(fc.integer(), { maxLength: 2 }))],
  [['phases', 0, 'scorer'], fc.oneof(fc.constantFrom('', '  '), notString)],
  [['phases', 0, 'arms', 0, 'solver'], fc.oneof(fc.constantFrom('', ' '), notString)],
  [['phases', 0, 'suite', 'data'], notString],
  [['phases', 0, 'arms'], fc.oneof(notArray)],
  [['phases', 0, 'arms', 0, 'name'], fc.oneof(nameBad, fc.constant(DELETE))],
  [['phases', 0, 'arms', 0, 'model'], fc.oneof(fc.constantFrom('nope', 'anthropic/', 'replay:', 'gpt-4o', ''), notString, fc.constant(DELETE))],
  [['phases', 0, 'arms', 0, 'base_url'], fc.oneof(fc.constantFrom('not a url', 'localhost'), notString)],
  [['phases', 0, 'arms', 0, 'params', 'temperature'], fc.oneof(fc.double({ min: 2.001, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: -0.001, noNaN: true }), notNumber)],
  [['phases', 0, 'arms', 0, 'params', 'max_tokens'], notPositiveInt],
  [['phases', 0, 'k'], fc.oneof(notArray, fc.constant([0]), fc.constant([1.5]), fc.constant(['1']))],
  [['phases', 0, 'samples'], notPositiveInt],
  [['phases', 0, 'sample_ids'], fc.oneof(notArray, fc.constant([1]))],
  [['phases', 0, 'concurrency'], notPositiveInt],
  [['phases', 0, 'timeouts', 'unit_s'], notPositive],
  [['phases', 0, 'timeouts', 'sandbox_s'], notPositive],
  [['retry', 'unit_max_attempts'], notPositiveInt],
  [['retry', 'error_rate_threshold'], fc.oneof(fc.double({ min: 1.001, max: 100, noNaN: true }), fc.constant(-0.5), notNumber)],
  [['retry', 'strike_delay_s'], fc.oneof(fc.constant(-1), notNumber)],
  [['backoff', 'multiplier'], fc.oneof(fc.double({ min: 0, max: 0.999, noNaN: true }), notNumber)],
  [['backoff', 'max_total_wait_s'], notPositive],
  [['budget_usd'], notPositive],
  [['cache'], fc.oneof(fc.string(), fc.integer(), fc.constant(null))],
  [['report', 'formats'], fc.oneof(notArray, fc.constant(['pdf']))],
  [['run_id'], fc.oneof(fc.constantFrom('a b', '../x', ''), notString)],
];
const breakage = fc.constantFrom(...BREAKS).chain(([p, bad]) => fc.record({ path: fc.constant(p), value: bad }));

/** A deep copy of VALID with `value` at `p` (intermediate objects created as needed). */
function broken(p: Path, value: unknown): Record<string, unknown> {
  const cfg = structuredClone(VALID) as Record<string, unknown>;
  let node = cfg as Record<string | number, unknown>;
  for (const key of p.slice(0, -1)) {
    if (node[key] === undefined) node[key] = {};
    node = node[key] as Record<string | number, unknown>;
  }
  const last = p[p.length - 1]!;
  if (value === DELETE) delete node[last];
  else node[last] = value;
  return cfg;
}

/** How formatZodError prints a path: `config.phases[0].kind`. */
const shown = (p: Path) => p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A line `  - <path>...: message` for the broken path (or an element under it). */
const namesPath = (msg: string, p: string) => expect(msg).toMatch(new RegExp(`^  - ${escape(p)}([.\\[][^:]*)?: \\S`, 'm'));

describe('run config given to the workflow', () => {
  it('the valid base config parses, bare and wrapped', () => {
    expect(RunInputSchema.safeParse(normalizeRunInput(VALID)).success).toBe(true);
    expect(RunInputSchema.safeParse(normalizeRunInput({ config: VALID })).success).toBe(true);
  });

  it('a broken field is reported with its path, bare or wrapped in {config}', () => {
    fc.assert(
      fc.property(breakage, fc.boolean(), ({ path: p, value }, wrap) => {
        // normalizeRunInput only recognises a bare config by its `phases` key; without it the
        // message says "config: expected object" (fix proposed to the owner of config/run-config.ts)
        const cfg = broken(p, value);
        const r = RunInputSchema.safeParse(normalizeRunInput(wrap ? { config: cfg } : cfg));
        expect(r.success).toBe(false);
        if (r.success) return;
        const msg = formatZodError(r.error, 'benchmarkRun input');
        expect(msg.startsWith('invalid benchmarkRun input:\n  - ')).toBe(true);
        namesPath(msg, shown(['config', ...p]));
      }),
      RUNS,
    );
  });

  it('any JSON value either parses or gives one formatted message, never a throw', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (v) => {
        const r = RunInputSchema.safeParse(normalizeRunInput(v));
        if (r.success) return;
        const lines = formatZodError(r.error, 'benchmarkRun input').split('\n');
        expect(lines[0]).toBe('invalid benchmarkRun input:');
        for (const l of lines.slice(1)) expect(l).toMatch(/^ {2}- \S.*: \S/);
      }),
      RUNS,
    );
  });
});

describe('run config files read by the CLI (JSON and YAML)', () => {
  it('a broken field names the file and the field path', () => {
    fc.assert(
      fc.property(breakage, fc.constantFrom('json', 'yaml'), ({ path: p, value }, ext) => {
        const cfg = broken(p, value);
        const file = path.join(tmp, `${n++}.${ext}`);
        writeFileSync(file, ext === 'json' ? JSON.stringify(cfg) : YAML.stringify(cfg));
        let msg = '';
        try {
          loadConfigFile(file);
        } catch (e) {
          expect(e).not.toBeInstanceOf(TypeError);
          msg = (e as Error).message;
        }
        expect(msg.startsWith(`invalid run config ${file}:\n  - `)).toBe(true);
        namesPath(msg, shown(p));
      }),
      { numRuns: 40 },
    );
  });

  it('text that is not JSON/YAML, or not an object, names the file', () => {
    const junk = fc.oneof(fc.string(), fc.constantFrom('{', '[1,', 'phases: [', ': :', '\t- a\n  b: c'));
    fc.assert(
      fc.property(junk, fc.constantFrom('json', 'yml'), (text, ext) => {
        const file = path.join(tmp, `${n++}.${ext}`);
        writeFileSync(file, text);
        let msg: string | undefined;
        try {
          loadConfigFile(file);
        } catch (e) {
          expect(e).not.toBeInstanceOf(TypeError);
          msg = (e as Error).message;
        }
        expect(msg).toBeDefined();
        expect(msg).toMatch(new RegExp(`^(${escape(file)}: not valid (JSON|YAML): |invalid run config ${escape(file)}:\\n  - )`));
      }),
      { numRuns: 40 },
    );
  });
});
