import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Task } from '../../config/task';
import { evalplusExpected, ORACLE, type ExpectedOptions, type TaskExpected } from './evalplus-expected';
import { HumanEvalRecord } from './humaneval';
import { readJsonlRecords } from './read-data';

/** EvalPlus HumanEval+ record (see datasets/evalplus/SOURCE.md). */
const ArgLists = z.array(z.array(z.unknown(), 'each input must be a list of arguments'));
export const HumanEvalPlusRecord = HumanEvalRecord.extend({
  base_input: ArgLists,
  plus_input: ArgLists,
  atol: z.number().nonnegative('atol must be a float tolerance >= 0'),
  contract: z.string().optional(),
});
type HumanEvalPlusRecord = z.infer<typeof HumanEvalPlusRecord>;

/**
 * HumanEval+: the original `check(candidate)` plus checks of every base_input and plus_input
 * against the canonical solution's outputs (precomputed and cached, see evalplus-expected.ts),
 * compared as EvalPlus does (see evalplus_oracle.py). Inputs and expected outputs are embedded
 * as Python literals, so a test program needs nothing but itself.
 */
export async function loadHumanEvalPlus(file: string, opts: ExpectedOptions = {}): Promise<Task[]> {
  const rows = await readJsonlRecords(HumanEvalPlusRecord, file);
  const expected = await evalplusExpected(file, new Map(rows.map((r) => [r.record.task_id, r.line])), opts);
  const oracle = readFileSync(ORACLE, 'utf8');
  return rows.map(({ record: r }) => ({
    task_id: r.task_id,
    prompt: r.prompt,
    entry_point: r.entry_point,
    canonical_solution: r.canonical_solution,
    test_code: plusTestCode(r, expected[r.task_id]!, oracle),
    format: 'completion' as const,
  }));
}

/** The original tests, then the EvalPlus input checks, all behind one `check(candidate)`. */
export function plusTestCode(r: Pick<HumanEvalPlusRecord, 'test' | 'atol' | 'entry_point'>, e: TaskExpected, oracle: string): string {
  const run = (field: 'base' | 'plus') =>
    `    _gauntlet_check_inputs('${field}_input', candidate, _GAUNTLET_${field.toUpperCase()}_INPUT, _GAUNTLET_${field.toUpperCase()}_EXPECTED, _GAUNTLET_ATOL, '${r.entry_point}')`;
  return [
    r.test.trimEnd(),
    '',
    oracle.trimEnd(),
    '',
    '_gauntlet_humaneval_check = check',
    `_GAUNTLET_ATOL = ${r.atol}`,
    `_GAUNTLET_BASE_INPUT = ${e.base_input}`,
    `_GAUNTLET_BASE_EXPECTED = ${e.base_expected}`,
    `_GAUNTLET_PLUS_INPUT = ${e.plus_input}`,
    `_GAUNTLET_PLUS_EXPECTED = ${e.plus_expected}`,
    '',
    '',
    'def check(candidate):',
    '    _gauntlet_humaneval_check(candidate)',
    run('base'),
    run('plus'),
    '',
  ].join('\n');
}
