import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAgentFile, startMockApi, type MockApi } from '../../devtools/mock-api';
import { loadSamples } from '../../eval/load';
import type { RunConfigInput } from '../../config/run-config';
import { runToEnd, tempDir } from '../helpers/temporal';
import { jsonOf, rowsOf, uniqueKeys } from '../helpers/files';

process.env.OPENAI_API_KEY ??= 'sk-test-simulated';
process.env.ANTHROPIC_API_KEY ??= 'sk-ant-test-simulated';

let mock: MockApi;
beforeAll(async () => {
  const { samples } = await loadSamples({ name: 'resilience' });
  mock = await startMockApi({ tasks: samples.map((s) => s.code!), agents: loadAgentFile('resilience') });
});
afterAll(async () => {
  await mock?.close();
});

const quickBackoff = { initial_s: 0.5, max_s: 2, multiplier: 2, max_total_wait_s: 600 };
/** Each scripted agent, the API it is reached through, and what its episode must come to. */
const AGENTS = [
  { arm: 'solver', model: 'anthropic/resilience-solver', agent: 'resilience-solver', score: 1, status: 'passed', turns: 3 },
  { arm: 'partial', model: 'openai/resilience-partial', agent: 'resilience-partial', score: 0.7, status: 'failed', turns: 1 },
  { arm: 'looper', model: 'anthropic/resilience-looper', agent: 'resilience-looper', score: 0, status: 'failed', turns: 4, reason: 'turn_limit' },
  { arm: 'malformed', model: 'openai/resilience-malformed', agent: 'resilience-malformed', score: 1, status: 'passed', turns: 3 },
  { arm: 'ref', model: 'reference', agent: null, score: 1, status: 'passed', turns: 0 },
] as const;

function agenticRun(out: string, extra: Partial<RunConfigInput['phases'][number]> = {}): RunConfigInput {
  return {
    output_dir: out,
    cache: false,
    backoff: quickBackoff,
    phases: [
      {
        name: 'calibrate',
        kind: 'agentic',
        suite: { name: 'resilience' },
        arms: AGENTS.map((a) => ({ name: a.arm, model: a.model, ...(a.agent ? { base_url: mock.url } : {}) })),
        samples_per_task: 2,
        concurrency: 10,
        episode: { max_turns: 4 },
        timeouts: { unit_s: 60, heartbeat_s: 5 },
        ...extra,
      },
    ],
  };
}

describe('agentic episodes on the dev server', () => {
  it('runs 10 concurrent episodes of scripted agents through the Anthropic and OpenAI SDKs: scores, turns and pass rate exactly as scripted', async () => {
    mock.configure({ faults: '' });
    const before = mock.stats();
    const out = tempDir();
    const outcome = await runToEnd(agenticRun(out));
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows).toHaveLength(10);
    expect(uniqueKeys(rows)).toBe(10);
    for (const a of AGENTS) {
      const mine = rows.filter((r) => r.arm === a.arm);
      expect(mine.map((r) => [r.status, r.score, r.metadata?.turns])).toEqual([
        [a.status, a.score, a.turns],
        [a.status, a.score, a.turns],
      ]);
      if ('reason' in a) expect(mine.every((r) => r.reason === a.reason)).toBe(true);
    }
    expect(rows.filter((r) => r.status === 'passed')).toHaveLength(6);
    expect(rows.find((r) => r.arm === 'partial')!.metadata!.checks).toEqual({ tier1: true, tier2_flat: true, tier2_heavy_tail: false, tier3: false, validity: true, guardrails: true });
    expect(rows.find((r) => r.arm === 'partial')!.metadata!.feedback).toBe('Tier2 balance broken; Tier3 resilience gaps');
    // Every scripted turn was asked for exactly once per episode: no turn paid twice.
    const after = mock.stats();
    for (const a of AGENTS) if (a.agent) expect((after.agent_turns[a.agent] ?? 0) - (before.agent_turns[a.agent] ?? 0)).toBe(2 * a.turns);
    expect(after.by_api.anthropic - before.by_api.anthropic).toBe(2 * (3 + 4));
    expect(after.by_api.openai - before.by_api.openai).toBe(2 * (1 + 3));
    // The transcript is on disk; the malformed agent's errors went back to it as tool errors.
    const file = path.join(out, String(rows.find((r) => r.arm === 'malformed')!.metadata!.episode));
    const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const errors = records.filter((r) => r.type === 'tool' && r.result.is_error).map((r) => r.result.content);
    expect(errors).toEqual([expect.stringMatching(/not a JSON object/), expect.stringMatching(/no tool named "run_shell"/)]);
    const agentic = jsonOf(out, 'report.json').phases[0].agentic as { arm: string; pass_rate: number; mean_score: number; checks: Record<string, number>; mean_turns: number; mean_tokens: number }[];
    const byArm = (x: [string, ...unknown[]][]) => x.sort((a, b) => a[0].localeCompare(b[0]));
    expect(byArm(agentic.map((a) => [a.arm, a.pass_rate, a.mean_score, a.mean_turns]))).toEqual(byArm(AGENTS.map((a) => [a.arm, a.status === 'passed' ? 1 : 0, a.score, a.turns])));
    expect(agentic.find((a) => a.arm === 'partial')!.checks).toEqual({ tier1: 1, tier2_flat: 1, tier2_heavy_tail: 0, tier3: 0, validity: 1, guardrails: 1 });
    expect(agentic.find((a) => a.arm === 'solver')!.mean_tokens).toBeGreaterThan(0);
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    expect(md).toMatch(/### Episodes/);
    expect(md).toMatch(/\| partial \| 2 \| 0\.0% .*\(0\/2\) \| 70\.0% \| 100\.0% \| 100\.0% \| 0\.0% \| 0\.0% \|/);
  });
});
