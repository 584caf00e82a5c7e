/**
 * Adaptive concurrency: the simulated API with `--rate-limit N` (N req/s, sliding window that
 * counts rejected requests too), phase concurrency 64. Prints the request rate per time window,
 * total 429s and how close the served rate converges to N (AIMD: halve on 429, +1/limit per
 * success). Baseline: a naive client, 64 loops retrying a 429 at once (no backoff), for a few s.
 *
 *   npx tsx bench/adaptive-concurrency.ts [--rate-limit 20] [--units 600] [--quick]
 */
import { parseArgs } from 'node:util';
import { startMockApi, type MockApi } from '../devtools/mock-api';
import { loadSuite } from '../eval/suites';
import { Env } from './lib/env';
import { measuredRun } from './lib/gauntlet-run';
import { machine, saveFigures } from './lib/figures';
import { killAllStarted, sleep } from './lib/procs';
import { fmt, table } from './lib/table';
import { benchConfig, HUMANEVAL } from './lib/units';

const { values: a } = parseArgs({ options: { 'rate-limit': { type: 'string', default: '20' }, units: { type: 'string' }, quick: { type: 'boolean', default: false } } });
const N = Number(a['rate-limit']);
const units = Number(a.units ?? (a.quick ? 300 : 600));
const CONC = 64;
const LATENCY_MS = 200;
const WINDOW_S = 5;
const BASELINE_S = a.quick ? 5 : 10;
process.once('SIGINT', () => (killAllStarted(), process.exit(130)));

interface Sample {
  t: number;
  ok: number;
  limited: number;
}

/** Samples the API's counters each second: rates per window come from the deltas. */
function sampler(api: MockApi) {
  const samples: Sample[] = [];
  const t0 = Date.now();
  const look = () => {
    const s = api.stats();
    samples.push({ t: (Date.now() - t0) / 1000, ok: s.ok, limited: s.rate_limited });
  };
  look();
  const timer = setInterval(look, 1000);
  return {
    stop() {
      clearInterval(timer);
      look();
      return samples;
    },
  };
}

function windows(samples: Sample[]): { from: number; to: number; okPerS: number; limitedPerS: number }[] {
  const out = [];
  for (let i = 0; i < samples.length - 1; i += WINDOW_S) {
    const a0 = samples[i]!;
    const b = samples[Math.min(i + WINDOW_S, samples.length - 1)]!;
    const dt = b.t - a0.t;
    if (dt < WINDOW_S / 2) continue; // a stub window after the run ended would drag the mean down
    out.push({ from: a0.t, to: b.t, okPerS: (b.ok - a0.ok) / dt, limitedPerS: (b.limited - a0.limited) / dt });
  }
  return out;
}

/** No backoff at all: each of 64 loops re-sends at once after a 429, for BASELINE_S seconds. */
async function naiveBaseline(api: MockApi, prompt: string): Promise<{ okPerS: number; limitedPerS: number }> {
  const before = api.stats();
  const end = Date.now() + BASELINE_S * 1000;
  const body = JSON.stringify({ model: 'mock', messages: [{ role: 'user', content: prompt }], max_tokens: 64 });
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      // Bounded by time and by count (a hot loop on a shared machine).
      for (let i = 0; i < 100_000 && Date.now() < end; i++) {
        await fetch(`${api.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then((r) => r.arrayBuffer());
      }
    }),
  );
  const after = api.stats();
  return { okPerS: (after.ok - before.ok) / BASELINE_S, limitedPerS: (after.rate_limited - before.rate_limited) / BASELINE_S };
}

console.log(`adaptive-concurrency bench: rate limit ${N} req/s, ${units} units, concurrency ${CONC}, latency ${LATENCY_MS} ms; machine ${JSON.stringify(machine())} (shared with other work)`);
const env = await Env.start({ prefix: 'gauntlet-bench-aimd-' });
let ok = false;
try {
  const api = await startMockApi({ suite: 'humaneval', data: HUMANEVAL, latencyMs: LATENCY_MS, answers: 'nocode', rateLimit: N });
  try {
    let s: ReturnType<typeof sampler> | null = null;
    const r = await measuredRun(env, {
      name: 'aimd',
      maxConcurrent: 80,
      config: benchConfig({ runId: 'aimd', outDir: env.outDir('aimd'), units, concurrency: CONC, arms: [{ name: 'mock', model: 'mock', base_url: api.url, max_concurrency: CONC }] }),
      timeoutMs: 1_800_000,
      onTick: () => void (s ??= sampler(api)), // from the first poll after the run started
    });
    const samples = (s as ReturnType<typeof sampler> | null)?.stop() ?? [];
    const stats = api.stats();
    const w = windows(samples);
    const half = w.slice(Math.floor(w.length / 2));
    const settled = half.reduce((acc, x) => acc + x.okPerS, 0) / Math.max(1, half.length);
    console.log('');
    console.log(table(['window s', 'served req/s', '429/s'], w.map((x) => [`${fmt(x.from, 0)}–${fmt(x.to, 0)}`, fmt(x.okPerS), fmt(x.limitedPerS)])));
    await fetch(`${api.url}/__reset`, { method: 'POST' });
    await sleep(1500); // the sliding window empties
    const prompt = (await loadSuite({ name: 'humaneval', data: HUMANEVAL })).tasks[0]!.prompt;
    const base = await naiveBaseline(api, prompt);
    console.log('');
    console.log(
      table(
        ['figure', 'Gauntlet (AIMD + durable holds)', 'naive: retry at once', 'goal'],
        [
          ['served req/s (second half of the run)', fmt(settled), fmt(base.okPerS), `≈ ${N}`],
          ['settled / limit', `${fmt((100 * settled) / N, 0)}%`, `${fmt((100 * base.okPerS) / N, 0)}%`, '≈ 100%'],
          ['429s total', stats.rate_limited, `${fmt(base.limitedPerS * BASELINE_S, 0)} in ${BASELINE_S} s`, 'few'],
          ['429 per served request', fmt(stats.rate_limited / Math.max(1, stats.ok), 2), fmt(base.limitedPerS / Math.max(0.001, base.okPerS), 1), '≪ 1'],
          ['wall s / units', `${fmt(r.wallS, 1)} / ${units}`, `${BASELINE_S} (time-boxed)`, `≥ ${fmt(units / N, 0)} s at the limit`],
        ],
      ),
    );
    saveFigures('adaptive-concurrency', {
      rate_limit: N,
      units,
      concurrency: CONC,
      wall_s: r.wallS,
      settled_ok_per_s: settled,
      total_429: stats.rate_limited,
      windows: w,
      naive_baseline: { seconds: BASELINE_S, ok_per_s: base.okPerS, limited_per_s: base.limitedPerS },
      state: r.outcome.state,
    });
  } finally {
    await api.close();
  }
  ok = true;
} finally {
  await env.close(true);
  killAllStarted();
}
process.exit(ok ? 0 : 1);
