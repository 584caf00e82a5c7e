/**
 * Agentic episodes: 64 concurrent episodes x 8 turns (a scripted agent probing with
 * python_expression, never submitting: every episode runs to its turn limit) against the
 * simulated API answering after 1 s. Ideal: every episode's 8 turns back to back, all 64 at
 * once = 64 / 8 s = 8 episodes/s. Beside it: history events per episode workflow and the
 * worker's peak RSS.
 *
 *   npx tsx bench/agentic.ts [--episodes 64] [--turns 8]
 */
import { parseArgs } from 'node:util';
import { loadAgentFile, startMockApi } from '../devtools/mock-api';
import { loadSamples } from '../eval/load';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { machine, saveFigures } from './lib/figures';
import { killAllStarted } from './lib/procs';
import { fmt, table } from './lib/table';
import { HistoryProfile } from './lib/history-profile';

const { values: a } = parseArgs({ options: { episodes: { type: 'string' }, turns: { type: 'string' } } });
const EPISODES = Number(a.episodes ?? 64);
const TURNS = Number(a.turns ?? 8);
const LATENCY_MS = 1000;
const IDEAL = EPISODES / ((TURNS * LATENCY_MS) / 1000);
// The official SDK wants a key; the simulated API accepts any.
process.env.OPENAI_API_KEY ??= 'sk-bench-simulated';
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

console.log(`agentic bench: ${EPISODES} episodes x ${TURNS} turns, latency ${LATENCY_MS} ms; machine ${JSON.stringify(machine())} (shared with other work)`);
const env = await Env.start({ prefix: 'gauntlet-bench-agentic-' });
const { samples } = await loadSamples({ name: 'resilience' });
const api = await startMockApi({ tasks: samples.map((s) => s.code!), agents: loadAgentFile('resilience'), latencyMs: LATENCY_MS });
/** Runs the episodes and prints the figures; true when the run completed. */
async function measure(): Promise<boolean> {
  const r = await measuredRun(env, {
    name: 'agentic',
    maxConcurrent: 80,
    config: {
      run_id: 'agentic-bench',
      output_dir: env.outDir('agentic'),
      cache: false,
      phases: [
        {
          name: 'bench',
          kind: 'agentic',
          suite: { name: 'resilience' },
          arms: [{ name: 'looper', model: 'openai/resilience-looper', base_url: api.url, max_concurrency: EPISODES }],
          samples_per_task: EPISODES,
          concurrency: EPISODES,
          episode: { max_turns: TURNS },
        },
      ],
    },
    timeoutMs: 1_800_000,
  });
  const events: number[] = [];
  const profile = new HistoryProfile();
  for await (const w of env.client.workflow.list({ query: `WorkflowType = 'episodeWorkflow'` })) {
    const h = (await env.client.workflow.getHandle(w.workflowId, w.runId).fetchHistory()).events ?? [];
    events.push(h.length);
    profile.addHistory(h);
  }
  for await (const w of env.client.workflow.list({ query: `WorkflowType = 'runPhase'` })) {
    profile.addPhaseHistory((await env.client.workflow.getHandle(w.workflowId, w.runId).fetchHistory()).events ?? []);
  }
  const meanEvents = events.reduce((x, y) => x + y, 0) / Math.max(1, events.length);
  const rate = EPISODES / r.wallS;
  const s = api.stats();
  console.log('');
  console.log(
    table(
      ['episodes', 'turns', 'wall s', 'episodes/s', `ideal ${fmt(IDEAL)}/s`, 'of ideal', 'API calls', 'history events / episode', 'worker peak RSS MB', 'state'],
      [[EPISODES, TURNS, fmt(r.wallS, 1), fmt(rate), fmt(IDEAL), `${fmt((100 * rate) / IDEAL, 0)}%`, s.total, `${fmt(meanEvents, 0)} (max ${Math.max(...events)})`, fmt(r.workerPeakRssMb, 0), r.outcome.state]],
    ),
  );
  console.log('');
  console.log('Where an episode\'s time goes (server timestamps of its history):');
  console.log(table(['step', 'count', 'mean ms', 'total s'], profile.rows()));
  saveFigures('agentic', { episodes: EPISODES, turns: TURNS, latency_ms: LATENCY_MS, ideal_episodes_per_s: IDEAL, wall_s: r.wallS, episodes_per_s: rate, fraction_of_ideal: rate / IDEAL, api_calls: s.total, history_events_per_episode: meanEvents, worker_peak_rss_mb: r.workerPeakRssMb, state: r.outcome.state });
  return r.outcome.state === 'completed';
}

const ok = await measure().finally(async () => {
  await api.close();
  await env.close(true);
  killAllStarted();
});
process.exit(ok ? 0 : 1);
