import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArmSchema } from '../../config/run-config';
import { parseFaults, startMockApi, type MockApi } from '../../devtools/mock-api';
import { unitHash, faultFor } from '../../devtools/mock-api/faults';
import { matchQuestion, questionIndex } from '../../devtools/mock-api/questions';
import { wrongAnswer } from '../../devtools/mock-api/qa-answers';
import { resolveScorer, resolveSolver, resolveSuite } from '../../eval/registry';
import { solve } from '../../eval/solve';
import type { Sample, Score } from '../../eval/types';
import { SHARED_DATASETS } from '../helpers/datasets';
import path from 'node:path';

/**
 * The simulated API answering BBH through the real solvers, providers (official SDKs over HTTP)
 * and exact-match: what a sweep sees, without Temporal.
 */
const BBH = path.join(SHARED_DATASETS, 'bbh');
const bbh = await resolveSuite('bbh');
// Two examples of each of the 27 subtasks.
const samples = await bbh.samples({ data: BBH, options: { n_per_subtask: 2 } });
const scorer = await resolveScorer('exact-match');

let api: MockApi;
beforeAll(async () => {
  api = await startMockApi({ suite: 'bbh', data: BBH, answers: 'canonical' });
  process.env.ANTHROPIC_API_KEY ??= 'test-key-for-the-simulated-api';
});
afterAll(() => api.close());

async function run(s: Sample, opts: { solver?: string; model?: string; seed?: number; epoch?: number } = {}): Promise<Score> {
  const arm = ArmSchema.parse({ name: 'a', model: opts.model ?? 'mock', base_url: api.url, params: { max_tokens: 256, ...(opts.seed !== undefined ? { seed: opts.seed } : {}) } });
  const state = await solve({ solver: await resolveSolver(opts.solver ?? 'cot-fewshot', bbh), sample: s, epoch: opts.epoch ?? 0, arm, useCache: false });
  return scorer(state, {} as never);
}
const configure = (answers: string) => fetch(`${api.url}/__config`, { method: 'POST', body: JSON.stringify({ answers }) });

describe('simulated API: BBH', () => {
  it('matches the last question of a few-shot prompt, not an exemplar', () => {
    const index = questionIndex(samples);
    const s = samples.find((x) => x.id === 'bbh/date_understanding/1')!;
    const exemplar = samples.find((x) => x.id === 'bbh/date_understanding/0')!;
    expect(matchQuestion(index, `Q: ${exemplar.input}\nA: So the answer is ${exemplar.target}.\n\nQ: ${s.input}\nA: Let's think step by step.`)?.id).toBe(s.id);
    expect(matchQuestion(index, s.input)?.id).toBe(s.id);
    expect(matchQuestion(index, 'Q: something else\nA:')).toBeUndefined();
  });

  it('canonical answers pass and wrong answers fail on every subtask, both solvers', async () => {
    await configure('canonical');
    for (const solver of ['cot-fewshot', 'direct']) {
      const scores = await Promise.all(samples.map((s) => run(s, { solver })));
      expect(scores.filter((x) => x.status !== 'passed').length).toBe(0);
    }
    await configure('wrong');
    const wrong = await Promise.all(samples.map((s) => run(s)));
    expect(wrong.map((x) => x.reason)).toEqual(samples.map(() => 'wrong_answer'));
    expect(samples.every((s) => wrongAnswer(s) !== s.target)).toBe(true);
    await configure('nocode');
    expect((await run(samples[0]!)).reason).toBe('no_answer');
  });

  it('rate:P is exact per (sample, seed): the passed set is the one the hash predicts', async () => {
    await configure('rate:0.6');
    const seed = 11;
    const scores = await Promise.all(samples.map((s) => run(s, { seed })));
    const passed = samples.filter((_, i) => scores[i]!.status === 'passed').map((s) => s.id);
    const predicted = samples.filter((s) => unitHash(`${s.id}:${seed}`) < 0.6).map((s) => s.id);
    expect(passed).toEqual(predicted);
    expect(passed.length).toBeGreaterThan(10);
    expect(passed.length).toBeLessThan(samples.length - 10);
    // and again: deterministic
    const again = await Promise.all(samples.map((s) => run(s, { seed })));
    expect(again.map((x) => x.status)).toEqual(scores.map((x) => x.status));
  });

  it('without a seed (Anthropic), pass@k samples of one prompt still draw apart (x-gauntlet-sample)', async () => {
    await configure('rate:0.5');
    const s0 = await Promise.all(samples.map((s) => run(s, { model: 'anthropic/claude-mock', epoch: 0 })));
    const s1 = await Promise.all(samples.map((s) => run(s, { model: 'anthropic/claude-mock', epoch: 1 })));
    const again = await Promise.all(samples.map((s) => run(s, { model: 'anthropic/claude-mock', epoch: 1 })));
    expect(again.map((x) => x.status)).toEqual(s1.map((x) => x.status));
    expect(s0.filter((x, i) => x.status !== s1[i]!.status).length).toBeGreaterThan(5);
    expect(api.stats().by_api.anthropic).toBe(samples.length * 3);
  });

  it('quota windows: KIND:@A-Bs faults every request in that span of seconds', () => {
    const rules = parseFaults('quota:@2-22s,429:p0');
    expect([0, 1.9, 2, 21.9, 22, 30].map((t) => faultFor(rules, 1, t))).toEqual([undefined, undefined, 'quota', 'quota', undefined, undefined]);
    expect(() => parseFaults('quota:@5-2s')).toThrow(/A <= B seconds/);
  });
});
