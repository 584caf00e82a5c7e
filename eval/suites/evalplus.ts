import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TaskSchema, type Task } from '../../config/task';
import { evalplusExpected, ORACLE, type EvalPlusFlavour, type ExpectedOptions, type TaskExpected } from './evalplus-expected';
import { inputLimitsS, programLimits } from './evalplus-limits';
import { readJsonlRecords, SuiteDataError } from './read-data';

export type { EvalPlusFlavour } from './evalplus-expected';

/** An EvalPlus record, HumanEval+ or MBPP+ (see datasets/evalplus/SOURCE.md). */
// MBPP+ writes "no inputs" as {} once (Mbpp/793's plus_input); EvalPlus iterates it as empty
const ArgLists = z.union([z.array(z.array(z.unknown(), 'each input must be a list of arguments')), z.object({}).strict().transform((): unknown[][] => [])]);
export const EvalPlusRecord = z.object({
  task_id: TaskSchema.shape.task_id,
  prompt: z.string(),
  entry_point: TaskSchema.shape.entry_point,
  canonical_solution: z.string(),
  base_input: ArgLists,
  plus_input: ArgLists,
  atol: z.number().nonnegative('atol must be a float tolerance >= 0'),
  contract: z.string().optional(),
  /** HumanEval+: the original HumanEval `check(candidate)`. */
  test: z.string().regex(/\bdef check\s*\(/, 'test must be Python source defining check(candidate)').optional(),
  /** MBPP+: the original MBPP asserts (adapted by EvalPlus). */
  assertion: z.string().optional(),
});
export type EvalPlusRecord = z.infer<typeof EvalPlusRecord>;

export interface EvalPlusOptions extends ExpectedOptions {
  flavour: EvalPlusFlavour;
  /**
   * Also run the dataset's original tests (HumanEval's `check`, MBPP's asserts) before the
   * EvalPlus inputs. Off by default: EvalPlus's own evaluator runs only the base + plus inputs
   * (with tolerances), and the original HumanEval check compares floats exactly, so this is a
   * stricter suite whose scores are not comparable with EvalPlus's leaderboard.
   */
  originalCheck?: boolean;
}

/**
 * EvalPlus suites (HumanEval+, MBPP+) as EvalPlus 0.3.1's evaluator scores them: every
 * base_input and plus_input checked against the canonical solution's output (precomputed and
 * cached, see evalplus-expected.ts) by EvalPlus's comparison rules (evalplus_oracle.py), each
 * input within its own CPU-time limit, the program within EvalPlus's caps and 4 GB of address
 * space (evalplus-limits.ts). Inputs and expected outputs are embedded as Python literals, so a
 * test program needs nothing but itself.
 *
 * HumanEval+: the model continues `prompt` (completion format). MBPP+: `prompt` is a docstring
 * with one example assert and the model writes the whole solution (instruct format).
 */
export async function loadEvalPlus(file: string, opts: EvalPlusOptions): Promise<Task[]> {
  const rows = await readJsonlRecords(EvalPlusRecord, file, { pythonFloats: true });
  if (opts.originalCheck) {
    const field = opts.flavour === 'humaneval' ? 'test' : 'assertion';
    const missing = rows.find((r) => !r.record[field]);
    if (missing) throw new SuiteDataError(`${file}, line ${missing.line} (task_id ${JSON.stringify(missing.record.task_id)}): original_check needs the original tests in "${field}", which this record lacks`);
  }
  const expected = await evalplusExpected(file, new Map(rows.map((r) => [r.record.task_id, r.line])), opts);
  const oracle = readFileSync(ORACLE, 'utf8');
  return rows.map(({ record: r }) => {
    const e = expected[r.task_id]!;
    const base = inputLimitsS(e.base_time);
    const plus = inputLimitsS(e.plus_time);
    return {
      task_id: r.task_id,
      prompt: r.prompt,
      entry_point: r.entry_point,
      canonical_solution: r.canonical_solution,
      test_code: evalplusTestCode(r, e, { base, plus }, oracle, opts),
      format: opts.flavour === 'humaneval' ? ('completion' as const) : ('instruct' as const),
      ...programLimits(opts.originalCheck ? [base, plus, [EVALPLUS_ORIGINAL_CHECK_S]] : [base, plus]),
    };
  });
}

/** CPU allowance of the original tests when they run too (a few asserts). */
const EVALPLUS_ORIGINAL_CHECK_S = 1;

const pyFloats = (xs: number[]) => `[${xs.map((x) => (Number.isInteger(x) ? `${x}.0` : String(x))).join(',')}]`;

/**
 * The EvalPlus input checks (after the original tests when asked) as top-level statements on the
 * entry point, not a `check(candidate)`: MBPP+ has an entry point named `check` (Mbpp/56) that a
 * test function of that name would replace.
 */
export function evalplusTestCode(
  r: Pick<EvalPlusRecord, 'test' | 'assertion' | 'atol' | 'entry_point'>,
  e: TaskExpected,
  limits: { base: number[]; plus: number[] },
  oracle: string,
  opts: Pick<EvalPlusOptions, 'flavour' | 'originalCheck'>,
): string {
  const run = (field: 'base' | 'plus') => {
    const F = field.toUpperCase();
    return `_gauntlet_check_inputs('${field}_input', ${r.entry_point}, _GAUNTLET_${F}_INPUT, _GAUNTLET_${F}_EXPECTED, _GAUNTLET_${F}_LIMITS, _GAUNTLET_ATOL, '${r.entry_point}', '${opts.flavour}')`;
  };
  const original = opts.originalCheck ? originalTests(r, opts.flavour, r.entry_point) : { defs: [], call: [] };
  return [
    ...original.defs,
    oracle.trimEnd(),
    '',
    `_GAUNTLET_ATOL = ${r.atol}`,
    `_GAUNTLET_BASE_INPUT = ${e.base_input}`,
    `_GAUNTLET_BASE_EXPECTED = ${e.base_expected}`,
    `_GAUNTLET_BASE_LIMITS = ${pyFloats(limits.base)}`,
    `_GAUNTLET_PLUS_INPUT = ${e.plus_input}`,
    `_GAUNTLET_PLUS_EXPECTED = ${e.plus_expected}`,
    `_GAUNTLET_PLUS_LIMITS = ${pyFloats(limits.plus)}`,
    '',
    ...original.call,
    run('base'),
    run('plus'),
    '',
  ].join('\n');
}

/** The original HumanEval check or MBPP asserts, run before the EvalPlus inputs. */
function originalTests(r: Pick<EvalPlusRecord, 'test' | 'assertion'>, flavour: EvalPlusFlavour, entry: string): { defs: string[]; call: string[] } {
  // renamed, so that the test program's check(candidate) convention does not call it a second time
  if (flavour === 'humaneval') return { defs: [r.test!.trimEnd(), '', '_gauntlet_original_check = check', 'del check', ''], call: [`_gauntlet_original_check(${entry})`] };
  // MBPP's asserts call the entry point by name (the candidate's global): run them as written
  return { defs: [], call: [r.assertion!.trim()] };
}
