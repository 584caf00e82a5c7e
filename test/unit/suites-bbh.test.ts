import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { resolveScorer, resolveSolver, resolveSuite } from '../../eval/registry';
import { initialState } from '../../eval/state';
import { BBH_SUBTASKS } from '../../eval/suites/bbh';
import { SuiteDataError } from '../../eval/suites/read-data';
import type { Generate, SolverEnv, TaskState } from '../../eval/types';
import { SHARED_DATASETS } from '../helpers/datasets';

const BBH = path.join(SHARED_DATASETS, 'bbh');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-bbh-'));
const savedEnv = process.env.GAUNTLET_DATA_DIR;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.GAUNTLET_DATA_DIR;
  else process.env.GAUNTLET_DATA_DIR = savedEnv;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const bbh = await resolveSuite('bbh');

/** A generate that records the prompt it was asked and answers with a fixed text. */
function recording(answer: string): { generate: Generate; asked: () => string } {
  let last = '';
  const generate: Generate = async (state: TaskState) => {
    last = state.messages.map((m) => m.content).join('\n');
    return { ...state, messages: [...state.messages, { role: 'assistant', content: answer }], output: { completion: answer } };
  };
  return { generate, asked: () => last };
}
const solverEnv = {} as SolverEnv;

describe('bbh suite', () => {
  it('loads all 27 subtasks, 6,511 examples, with ids bbh/<subtask>/<index> and the subtask as category', async () => {
    const samples = await bbh.samples({ data: BBH });
    expect(samples).toHaveLength(6511);
    expect([...new Set(samples.map((s) => s.metadata.category))]).toEqual([...BBH_SUBTASKS]);
    expect(samples.filter((s) => s.metadata.category === 'snarks')).toHaveLength(178);
    expect(samples[0]).toMatchObject({ id: 'bbh/boolean_expressions/0', input: 'not ( True ) and ( True ) is', target: 'False', metadata: { answer_format: 'label', index: 0 } });
    expect(new Set(samples.map((s) => s.id)).size).toBe(6511);
    const date = samples.find((s) => s.id === 'bbh/date_understanding/0')!;
    expect(date.metadata.answer_format).toBe('choice');
    expect(Object.keys(date.metadata.choices as object)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    expect(samples.find((s) => s.id === 'bbh/word_sorting/3')!.metadata.answer_format).toBe('free');
  });

  it('takes examples start..start+n-1 of the chosen subtasks, in the order given', async () => {
    const samples = await bbh.samples({ data: BBH, options: { subtasks: 'navigate,snarks', n_per_subtask: 3, start: 176 } });
    // snarks has 178 examples: only 176 and 177 exist
    expect(samples.map((s) => s.id)).toEqual(['bbh/navigate/176', 'bbh/navigate/177', 'bbh/navigate/178', 'bbh/snarks/176', 'bbh/snarks/177']);
    const again = await bbh.samples({ data: BBH, options: { subtasks: ['navigate', 'snarks'], n_per_subtask: 3, start: 176 } });
    expect(again.map((s) => s.id)).toEqual(samples.map((s) => s.id));
  });

  it('its reference answer scores passed on every one of the 6,511 examples', async () => {
    const samples = await bbh.samples({ data: BBH });
    const ref = await resolveSolver('reference', bbh);
    const score = await resolveScorer(bbh.scorer);
    const failed: string[] = [];
    for (const s of samples) {
      const st = await ref(initialState(s, 0), recording('').generate, solverEnv);
      if ((await score(st, {} as never)).status !== 'passed') failed.push(s.id);
    }
    expect(failed).toEqual([]);
    expect(bbh.reference!(samples[0]!)).toBe('So the answer is False.');
  });

  it('reads $GAUNTLET_DATA_DIR/bbh when no --data is given', async () => {
    process.env.GAUNTLET_DATA_DIR = SHARED_DATASETS;
    expect((await bbh.samples({ options: { subtasks: 'web_of_lies', n_per_subtask: 2 } })).map((s) => s.id)).toEqual(['bbh/web_of_lies/0', 'bbh/web_of_lies/1']);
  });

  it('says what it expects when the data is missing or wrong', async () => {
    delete process.env.GAUNTLET_DATA_DIR;
    await expect(bbh.samples({})).rejects.toThrow(/no data; pass --data DIR .*GAUNTLET_DATA_DIR.*<subtask>\.json/);
    await expect(bbh.samples({ data: path.join(tmp, 'nope') })).rejects.toThrow(SuiteDataError);
    await expect(bbh.samples({ data: BBH, options: { subtasks: 'navigate,navigatee' } })).rejects.toThrow(/unknown subtask\(s\) navigatee .* has: boolean_expressions, causal_judgement/);
    await expect(bbh.samples({ data: BBH, options: { n_per_subtask: 0 } })).rejects.toThrow(/bad suite\.options \(n_per_subtask/);
    await expect(bbh.samples({ data: BBH, options: { subtask: 'navigate' } })).rejects.toThrow(/bad suite\.options/);

    const dir = path.join(tmp, 'partial');
    mkdirSync(path.join(dir, 'cot-prompts'), { recursive: true });
    cpSync(path.join(BBH, 'navigate.json'), path.join(dir, 'navigate.json'));
    await expect(bbh.samples({ data: dir })).rejects.toThrow(/cot-prompts\/navigate\.txt does not exist/);
    writeFileSync(path.join(dir, 'cot-prompts', 'navigate.txt'), 'no canary separator here\nQ: x\n');
    await expect(bbh.samples({ data: dir })).rejects.toThrow(/expected a canary line, then a line "-----"/);
    writeFileSync(path.join(dir, 'navigate.json'), JSON.stringify({ examples: [{ input: 'x' }] }));
    await expect(bbh.samples({ data: dir })).rejects.toThrow(/navigate\.json, the file: examples\.0\.target/);
  });
});

describe('bbh solvers', () => {
  it('cot-fewshot: the prompt file after the canary verbatim, then Q: <input> and A: Let\'s think step by step.', async () => {
    const [s] = await bbh.samples({ data: BBH, options: { subtasks: 'date_understanding', n_per_subtask: 1 } });
    const r = recording('So the answer is (A).');
    const st = await (await resolveSolver('cot-fewshot', bbh))(initialState(s!, 0), r.generate, solverEnv);
    const prompt = r.asked();
    expect(prompt.startsWith('Infer the date from context.\n\nQ: Today is Christmas Eve of 1937.')).toBe(true);
    expect(prompt).not.toContain('canary');
    expect(prompt.match(/A: Let's think step by step\./g)).toHaveLength(4);
    expect(prompt.match(/So the answer is/g)).toHaveLength(3);
    expect(prompt.endsWith(`\n\nQ: ${s!.input}\nA: Let's think step by step.`)).toBe(true);
    expect(st.output.completion).toBe('So the answer is (A).');
  });

  it('direct: the same exemplars answered "So the answer is X." without reasoning, then Q: <input>\\nA:', async () => {
    const [s] = await bbh.samples({ data: BBH, options: { subtasks: 'date_understanding', n_per_subtask: 1 } });
    const r = recording('So the answer is (A).');
    await (await resolveSolver('direct', bbh))(initialState(s!, 0), r.generate, solverEnv);
    const prompt = r.asked();
    expect(prompt).not.toContain("Let's think step by step");
    expect(prompt).not.toContain('10 days before today');
    expect(prompt).toContain('(F) 12/14/1988\nA: So the answer is (D).\n\nQ: Tomorrow is 11/12/2019.');
    expect(prompt.endsWith(`\n\nQ: ${s!.input}\nA:`)).toBe(true);
  });

  it('are the suite defaults', () => {
    expect([bbh.solver, bbh.scorer, bbh.hardenable]).toEqual(['cot-fewshot', 'exact-match', false]);
  });
});
