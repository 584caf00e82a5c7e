import { describe, expect, it } from 'vitest';
import { TaskSchema } from '../../config/task';
import { generateMutants, solutionStart, type Mutant } from '../../hardening/mutants';
import { OPERATORS, parseOperatorList } from '../../hardening/operators';

/** One snippet that gives every operator something to mutate. */
const SNIPPET = [
  'def f(xs, n):', //                                  1
  '    total = 0', //                                  2
  '    for x in xs:', //                               3
  '        if x > n and not x == 3:', //               4
  '            break', //                              5
  '        total += -x * 2', //                        6
  '    while total < 0:', //                           7
  '        continue', //                               8
  '    s = "ab"', //                                   9
  '    return total if True else s', //                10
  '',
].join('\n');

const instruct = (canonical_solution: string) =>
  TaskSchema.parse({ task_id: 't', prompt: '', entry_point: 'f', canonical_solution, test_code: 'pass', format: 'instruct' });

const pairs = (ms: Mutant[], op: string) => ms.filter((m) => m.operator === op).map((m) => `${m.start.line}: ${m.original} -> ${m.replacement}`);

describe('mutator operators', async () => {
  const mutants = await generateMutants(instruct(SNIPPET));

  it.each([
    ['return-none', ['10: return total if True else s -> return None']],
    ['comparison-swap', ['4: x > n -> x >= n', '4: x > n -> x <= n', '4: x == 3 -> x != 3', '7: total < 0 -> total <= 0', '7: total < 0 -> total >= 0']],
    ['arithmetic-swap', ['6: total += -x * 2 -> total -= -x * 2', '6: -x * 2 -> -x / 2']],
    ['and-or-swap', ['4: x > n and not x == 3 -> x > n or not x == 3']],
    ['condition-negation', ['4: x > n and not x == 3 -> not (x > n and (not x == 3))', '7: total < 0 -> not total < 0', '10: True -> not True']],
    ['unary-removal', ['4: not x == 3 -> x == 3', '6: -x -> x']],
    ['number-plus-minus-1', ['2: 0 -> 1', '2: 0 -> -1', '4: 3 -> 4', '4: 3 -> 2', '6: 2 -> 3', '6: 2 -> 1', '7: 0 -> 1', '7: 0 -> -1']],
    ['boolean-flip', ['10: True -> False']],
    ['string-literal', ['9: "ab" -> \'\'']],
    ['break-continue-swap', ['5: break -> continue', '8: continue -> break']],
    ['zero-iteration-loop', ['3: xs -> []', '7: total < 0 -> False']],
    ['statement-deletion', ['2: total = 0 -> pass', '5: break -> pass', '6: total += -x * 2 -> pass', '8: continue -> pass', '9: s = "ab" -> pass', '10: return total if True else s -> pass']],
  ])('%s', (op, expected) => {
    expect(pairs(mutants, op).sort()).toEqual([...expected].sort());
  });

  it('each mutant carries the whole mutated program, a 1-based span and a stable id', () => {
    const m = mutants.find((x) => x.operator === 'return-none')!;
    expect(m.source).toContain('return None');
    expect(m.source).not.toContain('return total');
    expect(m.start).toEqual({ line: 10, column: 5 });
    expect(m.end).toEqual({ line: 10, column: 32 });
    expect(new Set(mutants.map((x) => x.id)).size).toBe(mutants.length);
    expect(mutants.every((x) => x.compile_error === null)).toBe(true);
  });

  it('return-none makes one mutant per function, covering all its value returns (not nested ones)', async () => {
    const src = 'def g(x):\n    def h():\n        return 5\n    if x:\n        return 1\n    return h()\n';
    const ms = await generateMutants(instruct(src), ['return-none']);
    expect(ms.map((m) => m.start.line)).toEqual([3, 5]);
    const outer = ms.find((m) => m.start.line === 5)!;
    expect(outer.source).toContain('return 5');
    expect(outer.source.match(/return None/g)).toHaveLength(2);
  });

  it('skips docstrings and mutants that unparse like the original', async () => {
    const ms = await generateMutants(instruct('def k():\n    """doc"""\n    return -0.0 if False else 0\n'), ['string-literal', 'statement-deletion', 'unary-removal']);
    expect(ms.filter((m) => m.original.includes('doc'))).toEqual([]);
    expect(pairs(ms, 'unary-removal')).toEqual(['3: -0.0 -> 0.0']);
  });

  it('for completion tasks mutates only the solution, never the prompt', async () => {
    const prompt = 'def add(a, b):\n    """Return a + b, e.g. add(1, 2) == 3."""\n    if a == 0:\n        return b\n';
    const task = TaskSchema.parse({ task_id: 'c', prompt, entry_point: 'add', canonical_solution: '    return a + b\n', test_code: 'pass', format: 'completion' });
    expect(solutionStart(task)).toEqual({ line: 5, column: 0 });
    const ms = await generateMutants(task);
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((m) => m.start.line === 5)).toBe(true);
    expect(pairs(ms, 'arithmetic-swap')).toEqual(['5: a + b -> a - b']);
  });

  it('rejects unknown operator names, listing the known ones', () => {
    expect(() => parseOperatorList('return-none,flip-bits')).toThrow(/unknown operator\(s\) \["flip-bits"\].*comparison-swap/);
    expect(parseOperatorList(' return-none , boolean-flip,return-none')).toEqual(['return-none', 'boolean-flip']);
    expect(OPERATORS).toHaveLength(12);
  });
});
