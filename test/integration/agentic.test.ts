import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAgentFile, startMockApi, type MockApi } from '../../devtools/mock-api';
import { loadSamples } from '../../eval/load';
import type { RunConfigInput } from '../../config/run-config';
import { runToEnd, startRun, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { inject } from 'vitest';
import { gauntlet, waitFor, workerProcess } from '../helpers/processes';
import { Episode } from '../../eval/agentic/transcript';
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

  it('a 429 storm inside episodes writes no row: episodes wait on durable timers and finish as scripted', async () => {
    mock.configure({ faults: '429:2-9' });
    const before = mock.stats();
    const out = tempDir();
    const cfg = agenticRun(out, { arms: [{ name: 'solver', model: 'anthropic/resilience-solver', base_url: mock.url }], samples_per_task: 4, concurrency: 4 });
    const outcome = await runToEnd(cfg);
    mock.configure({ faults: '' });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows.map((r) => [r.status, r.score, r.metadata?.turns])).toEqual(Array(4).fill(['passed', 1, 3]));
    const after = mock.stats();
    expect(after.faults['429'] - before.faults['429']).toBe(8);
    // The 429s were answered before any agent played: each scripted turn still ran once per episode.
    expect(after.agent_turns['resilience-solver']! - before.agent_turns['resilience-solver']!).toBe(4 * 3);
    expect(jsonOf(out, 'run.json').waits.length).toBeGreaterThan(0);
  });

  it('gauntlet calibrate prints one line per run, passed n/N, the average and the band verdict with a Wilson CI', async () => {
    const queue = uniqueQueue('calibrate');
    const worker = await testWorker(queue);
    const common = ['--address', inject('temporalAddress'), '--task-queue', queue, '--no-cache'];
    const calibrate = async (args: string[]) => {
      const p = gauntlet(['calibrate', 'resilience', '--output', tempDir(), ...args, ...common]);
      const code = await p.exited;
      return { code, lines: p.output().split('\n').filter((l) => /^(Run \d|Passed|Average|Target)/.test(l)) };
    };
    await worker.runUntil(async () => {
      const partial = await calibrate(['--model', 'openai/resilience-partial', '--base-url', mock.url, '--runs', '3', '--band', '10-40']);
      expect(partial.code).toBe(0);
      expect(partial.lines).toEqual([
        'Run 1: 70% - Tier2 balance broken; Tier3 resilience gaps',
        'Run 2: 70% - Tier2 balance broken; Tier3 resilience gaps',
        'Run 3: 70% - Tier2 balance broken; Tier3 resilience gaps',
        'Passed 0/3 (0%)',
        'Average score: 70%',
        "Target missed: 10% below the band (band 10-40%, pass rate 0%, 95% CI 0.0-56.1%); the CI overlaps the band's edge: 3 runs are too few to tell",
      ]);
      const ref = await calibrate(['--model', 'reference', '--runs', '4', '--band', '10-40']);
      expect(ref.lines).toEqual([
        ...[1, 2, 3, 4].map((i) => `Run ${i}: 100% - All tiers stable`),
        'Passed 4/4 (100%)',
        'Average score: 100%',
        'Target missed: 60% above the band (band 10-40%, pass rate 100%, 95% CI 51.0-100.0%)',
      ]);
    });
  });

  it('a worker killed with SIGKILL mid-episode: episodes resume at their turn, no recorded turn is asked for again, one row per episode', async () => {
    const queue = uniqueQueue('agentic-crash');
    const out = tempDir();
    const EPISODES = 4;
    const TURNS = 8;
    mock.configure({ faults: '', latency_ms: 300 });
    const before = mock.stats().agent_turns['resilience-looper'] ?? 0;
    const turnsNow = () => (mock.stats().agent_turns['resilience-looper'] ?? 0) - before;
    const cfg = agenticRun(out, { arms: [{ name: 'looper', model: 'anthropic/resilience-looper', base_url: mock.url }], samples_per_task: EPISODES, concurrency: EPISODES, episode: { max_turns: TURNS }, timeouts: { unit_s: 30, heartbeat_s: 2 } });
    const first = workerProcess(queue);
    const handle = await startRun(queue, cfg);
    await waitFor(() => turnsNow() >= EPISODES * 3, 120_000, 'three turns of each episode');
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = turnsNow();
    expect(atKill).toBeLessThan(EPISODES * TURNS);
    const second = workerProcess(queue);
    try {
      const outcome = (await handle.result()) as { state: string };
      expect(outcome.state).toBe('completed');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
      mock.configure({ latency_ms: 0 });
    }
    const { rows, duplicates } = await rowsOf(out);
    expect(rows).toHaveLength(EPISODES);
    expect(duplicates ?? 0).toBe(0);
    expect(rows.map((r) => [r.status, r.reason, r.metadata?.turns])).toEqual(Array(EPISODES).fill(['failed', 'turn_limit', TURNS]));
    // Each episode's transcript holds every turn once, so no recorded turn was run again; only a
    // request in flight at the kill (its answer never recorded) may have been sent twice.
    for (const r of rows) {
      const ep = await Episode.read(path.join(out, String(r.metadata!.episode)));
      expect([...ep.models.keys()].sort((a, b) => a - b)).toEqual([...Array(TURNS).keys()]);
      const lines = readFileSync(path.join(out, String(r.metadata!.episode)), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.type === 'model')).toHaveLength(TURNS);
    }
    const total = turnsNow();
    expect(total).toBeGreaterThanOrEqual(EPISODES * TURNS);
    expect(total).toBeLessThanOrEqual(EPISODES * TURNS + EPISODES);
  });
});
