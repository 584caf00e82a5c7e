import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArmFlag } from '../../cli/parse';
import { PHASE_KINDS } from '../../config/run-config';
import { PHASE_KIND_MODULES } from '../../eval/kinds';
import { absoluteRef, parseRef } from '../../eval/plugins';
import { checkRefs, resolveScorer, resolveSolver, resolveSuite, solverNames, suiteNames } from '../../eval/registry';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');

describe('Refs', () => {
  it('tells built-in names from file exports, and makes file paths absolute', () => {
    expect(parseRef('baseline')).toEqual({ kind: 'builtin', name: 'baseline' });
    expect(parseRef('./s.ts#minds')).toEqual({ kind: 'file', file: './s.ts', exportName: 'minds' });
    expect(parseRef('lib/s.mjs')).toEqual({ kind: 'file', file: 'lib/s.mjs', exportName: 'default' });
    expect(absoluteRef('./s.ts#minds', '/home/u')).toBe('/home/u/s.ts#minds');
    expect(absoluteRef('exec-tests', '/home/u')).toBe('exec-tests');
  });

  it('parses --arm NAME=MODEL[:SOLVER] without eating the colon of replay: specs', () => {
    const solvers = ['baseline', 'reference', 'cot-fewshot'];
    expect(parseArmFlag('cot=mock:cot-fewshot', solvers)).toEqual({ name: 'cot', model: 'mock', solver: 'cot-fewshot' });
    expect(parseArmFlag('m=openai/gpt-4o:./my-solver.ts#minds', solvers)).toEqual({ name: 'm', model: 'openai/gpt-4o', solver: './my-solver.ts#minds' });
    expect(parseArmFlag('old=replay:runs/a/results.jsonl', solvers)).toEqual({ name: 'old', model: 'replay:runs/a/results.jsonl' });
    expect(parseArmFlag('old=replay:runs/a/results.jsonl:baseline', solvers)).toEqual({ name: 'old', model: 'replay:runs/a/results.jsonl', solver: 'baseline' });
    expect(parseArmFlag('x=mock:nosuchsolver', solvers)).toEqual({ name: 'x', model: 'mock:nosuchsolver' });
    expect(() => parseArmFlag('openai/gpt-4o', solvers)).toThrow(/--arm expects NAME=MODEL\[:SOLVER\]/);
  });
});

describe('registry', () => {
  it('names the known suites, solvers and scorers when a name is unknown', async () => {
    await expect(resolveSuite('humanevil')).rejects.toThrow(/unknown suite "humanevil"; known: humaneval, humanevalplus, mbppplus, custom, bbh, bigcodebench, bigcodebench-hard/);
    const def = await resolveSuite('custom');
    await expect(resolveSolver('minds', def)).rejects.toThrow(/unknown solver "minds"; known: reference, baseline/);
    await expect(resolveScorer('f1')).rejects.toThrow(/unknown scorer "f1"; known: exec-tests/);
    expect(suiteNames()).toEqual(expect.arrayContaining(['humaneval', 'humanevalplus', 'custom']));
    expect(solverNames()).toEqual(expect.arrayContaining(['reference', 'baseline']));
  });

  it('says which file or export is missing for a plugin Ref', async () => {
    const def = await resolveSuite('custom');
    await expect(resolveSolver('/no/such/solver.ts#x', def)).rejects.toThrow(/solver \/no\/such\/solver\.ts#x: the file does not exist/);
    await expect(resolveSolver(`${EXAMPLES}/solvers/self-repair.ts#selfFix`, def)).rejects.toThrow(/has no export "selfFix"; it exports selfRepair/);
    await expect(checkRefs({ suite: 'custom', solvers: ['baseline', `${EXAMPLES}/solvers/self-repair.ts#selfRepair`], scorer: `${EXAMPLES}/scorers/partial-credit.ts#partialCredit` })).resolves.toBeUndefined();
  });

  it('loads a suite written in code, with its categories', async () => {
    const def = await resolveSuite(`${EXAMPLES}/suites/my-suite.ts#tasks`);
    const samples = await def.samples({});
    expect(samples.map((s) => [s.id, s.metadata.category])).toEqual([
      ['my/add', 'MATH'],
      ['my/shout', 'TEXT'],
    ]);
    expect(def.hardenable).toBe(true);
  });

  it('has one phase kind module per kind the config accepts', () => {
    expect(Object.keys(PHASE_KIND_MODULES).sort()).toEqual([...PHASE_KINDS].sort());
  });
});
