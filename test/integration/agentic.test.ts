import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAgentFile, startMockApi, type MockApi } from '../../devtools/mock-api';
import { loadSamples } from '../../eval/load';
import type { RunConfigInput } from '../../config/run-config';
import { runToEnd, startRun, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { inject } from 'vitest';
import { gauntlet, waitFor, workerProcess } from '../helpers/processes';
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

  /**
   * Runs 6 solver episodes (3 at a time) under a fault plan and checks what the provider hold
   * must give: no row for a 429 or quota answer, the scripted scores, waits in run.json, and on
   * the simulated API's timeline no request of the provider while a hold is on. The first
   * moments of a hold are excused: a request that left before the episode heard of the hold.
   */
  const holdsTheProvider = async (faults: string, failureClass: 'rate_limited' | 'exhausted', { once = 'started' }: { once?: 'started' | 'now' } = {}) => {
    const SIGNAL_SLACK_MS = 750;
    mock.configure({ faults: once === 'now' ? faults : '', retry_after_ms: 2500 });
    const before = mock.stats();
    const t0 = Date.now();
    const out = tempDir();
    const cfg = agenticRun(out, { arms: [{ name: 'solver', model: 'anthropic/resilience-solver', base_url: mock.url }], samples_per_task: 6, concurrency: 3 });
    cfg.backoff = { initial_s: 2.5, max_s: 5, multiplier: 2, max_total_wait_s: 600 };
    const run = runToEnd(cfg);
    // A time window opens at the episodes' first request, however long the start-up took.
    if (once === 'started') {
      await waitFor(() => mock.requests().some((r) => r.at_ms >= t0), 60_000, 'the first request of the episodes');
      mock.configure({ faults });
    }
    const outcome = await run;
    const timeline = mock.requests().filter((r) => r.at_ms >= t0 && r.api === 'anthropic');
    mock.configure({ faults: '', retry_after_ms: 1000 });
    expect(outcome.state).toBe('completed');
    const { rows } = await rowsOf(out);
    expect(rows.map((r) => [r.status, r.score, r.metadata?.turns])).toEqual(Array(6).fill(['passed', 1, 3]));
    // Each scripted turn was answered once per episode: the refused requests were asked again, nothing else.
    expect(mock.stats().agent_turns['resilience-solver']! - (before.agent_turns['resilience-solver'] ?? 0)).toBe(6 * 3);
    expect(timeline.filter((r) => r.outcome === 'ok')).toHaveLength(6 * 3);
    expect(timeline.filter((r) => r.outcome !== 'ok').length).toBeGreaterThan(0);
    const waits = (jsonOf(out, 'run.json').waits as { provider: string; failure_class: string; started_at: string; wait_s: number }[]).filter((w) => w.failure_class === failureClass);
    expect(waits.length).toBeGreaterThan(0);
    for (const w of waits) {
      // One hold per provider, as for benchmark units (not one backoff per episode).
      expect(w.provider).toBe(`anthropic@${mock.url}`);
      const from = Date.parse(w.started_at) + SIGNAL_SLACK_MS;
      const to = Date.parse(w.started_at) + w.wait_s * 1000;
      expect(timeline.filter((r) => r.at_ms > from && r.at_ms < to).map((r) => r.at_ms - Date.parse(w.started_at))).toEqual([]);
    }
    return { waits, timeline };
  };

  it('a 429 storm inside episodes holds the provider as for units: no row, no request during the hold, episodes finish as scripted', async () => {
    const { timeline } = await holdsTheProvider('429:2-7', 'rate_limited', { once: 'now' });
    expect(timeline.filter((r) => r.outcome === '429')).toHaveLength(6);
  });

  it('a quota window inside episodes holds the provider with backoff: no row, the waits count as exhaustion, episodes finish as scripted', async () => {
    const { waits } = await holdsTheProvider('quota:@0-4s', 'exhausted');
    // Exponential backoff of the phase's gate: 2.5 s, then 5 s while the window lasts.
    expect(waits[0]!.wait_s).toBe(2.5);
  });

  it('quota that outlasts max_total_wait_s ends the phase `exhausted`: the waiting episodes stop without a row', async () => {
    mock.configure({ faults: 'quota:@0-600s' });
    const out = tempDir();
    const cfg = agenticRun(out, { arms: [{ name: 'solver', model: 'anthropic/resilience-solver', base_url: mock.url }], samples_per_task: 4, concurrency: 2 });
    cfg.backoff = { initial_s: 0.5, max_s: 1, multiplier: 2, max_total_wait_s: 2 };
    const outcome = await runToEnd(cfg);
    mock.configure({ faults: '' });
    const run = jsonOf(out, 'run.json');
    expect([outcome.state, run.phases[0].state]).toEqual(['exhausted', 'exhausted']);
    expect(existsSync(path.join(out, 'results.jsonl')) ? (await rowsOf(out)).rows : []).toEqual([]);
    const waits = (run.waits as { failure_class: string; wait_s: number }[]).filter((w) => w.failure_class === 'exhausted');
    expect(waits.reduce((a, w) => a + w.wait_s, 0)).toBeGreaterThan(2);
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

  it('a worker killed with SIGKILL after a turn is paid for and cached, before it is recorded: the episode resumes at that turn, one request per (episode, turn), one row per episode', async () => {
    const queue = uniqueQueue('agentic-crash');
    const out = tempDir();
    const cache = { GAUNTLET_CACHE_DIR: tempDir() };
    const EPISODES = 4;
    const TURNS = 8;
    const KILL_TURN = 3;
    const SEED = 7000;
    mock.configure({ faults: '' });
    const t0 = Date.now();
    // The seed (seed + sample) tells the episodes' requests apart on the simulated API.
    const arm = { name: 'looper', model: 'openai/resilience-looper', base_url: mock.url, params: { seed: SEED } };
    const cfg: RunConfigInput = { ...agenticRun(out, { arms: [arm], samples_per_task: EPISODES, concurrency: EPISODES, episode: { max_turns: TURNS }, timeouts: { unit_s: 30, heartbeat_s: 2 } }), cache: true };
    const paid = () => mock.requests().filter((r) => r.at_ms >= t0 && r.agent === 'resilience-looper' && r.seed !== undefined && r.seed >= SEED && r.seed < SEED + EPISODES);
    // Every episode holds in turn KILL_TURN once its answer is cached: the kill lands there for all four.
    const first = workerProcess(queue, undefined, { ...cache, GAUNTLET_FAULT_HOLD: `episodeModelTurn#${KILL_TURN}` });
    const handle = await startRun(queue, cfg);
    const holding = () => (first.output().match(new RegExp(`fault hold: episodeModelTurn#${KILL_TURN} attempt 1`, 'g')) ?? []).length;
    await waitFor(() => holding() >= EPISODES, 120_000, `every episode holding in turn ${KILL_TURN}`);
    first.child.kill('SIGKILL');
    await first.exited;
    // Paid so far: turns 0..KILL_TURN of each episode, each once; KILL_TURN's answer is in the cache only.
    expect(paid().length).toBe(EPISODES * (KILL_TURN + 1));
    expect(existsSync(path.join(out, 'results.jsonl')) ? (await rowsOf(out)).rows : []).toEqual([]);
    const second = workerProcess(queue, undefined, cache);
    try {
      const outcome = (await handle.result()) as { state: string };
      expect(outcome.state).toBe('completed');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
    const { rows, duplicates } = await rowsOf(out);
    expect(rows).toHaveLength(EPISODES);
    expect(duplicates ?? 0).toBe(0);
    expect(rows.map((r) => [r.status, r.reason, r.metadata?.turns])).toEqual(Array(EPISODES).fill(['failed', 'turn_limit', TURNS]));
    // Exactly one paid request per (episode, turn): the re-run turn was answered from the cache.
    const perTurn = paid().map((r) => `${r.seed! - SEED}:${r.turn}`).sort();
    const expected = [...Array(EPISODES).keys()].flatMap((e) => [...Array(TURNS).keys()].map((t) => `${e}:${t}`)).sort();
    expect(perTurn).toEqual(expected);
    for (const r of rows) {
      const lines = readFileSync(path.join(out, String(r.metadata!.episode)), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      const models = lines.filter((l) => l.type === 'model');
      expect(models.map((m) => m.turn)).toEqual([...Array(TURNS).keys()]);
      // It resumed at the turn it was on: that turn came from the cache, no other did.
      expect(models.map((m) => m.cached === true)).toEqual([...Array(TURNS).keys()].map((t) => t === KILL_TURN));
    }
  });
});
