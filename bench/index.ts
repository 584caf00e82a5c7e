/**
 * All benches in sequence, each in its own process (no warm state carried between them):
 *   npx tsx bench/index.ts [--quick]
 * Figures are printed as tables and merged into bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LATEST } from './lib/figures';
import { ROOT } from './lib/procs';

const quick = process.argv.includes('--quick');
const BENCHES = ['cli-startup', 'inspect-compare', 'sandbox', 'report', 'view', 'orchestration', 'llm-throughput', 'adaptive-concurrency', 'scale', 'bbh', 'evalplus-oracle', 'bigcodebench', 'agentic'];
/** Benches that take --quick (the others are quick already). */
const HAS_QUICK = new Set(['orchestration', 'llm-throughput', 'adaptive-concurrency', 'scale', 'bbh', 'evalplus-oracle']);
const outcomes: string[] = [];
for (const b of BENCHES) {
  console.log(`\n=== bench/${b}.ts${quick && HAS_QUICK.has(b) ? ' --quick' : ''} ===`);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, `bench/${b}.ts`), ...(quick && HAS_QUICK.has(b) ? ['--quick'] : [])], { stdio: 'inherit', cwd: ROOT });
  outcomes.push(`${b}: ${r.status === 0 ? 'done' : `exit ${r.status ?? r.signal}`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
console.log(`\n=== summary ===\n${outcomes.join('\n')}\nfigures: ${LATEST}`);
try {
  const all = JSON.parse(readFileSync(LATEST, 'utf8')) as Record<string, Record<string, unknown>>;
  const o = all.orchestration;
  const s = all.scale;
  const l = all['llm-throughput'];
  const a = all['adaptive-concurrency'];
  const b = all.bbh;
  const e = all['evalplus-oracle'] as Record<string, { agreement_excluding_evalplus_bugs?: number; programs?: number }> | undefined;
  const bcb = all.bigcodebench as { samples?: number; environment?: string; speedup?: number; fork_server?: { per_sample_ms: number }; fresh?: { per_sample_ms: number } } | undefined;
  const ag = all.agentic;
  if (o) console.log(`orchestration: ${Number(o.ratio).toFixed(2)}x the bare loop (goal ≤ 1.3x)`);
  if (s) console.log(`scale: ${s.units} units in ${Number(s.wall_s).toFixed(0)} s, worker peak RSS ${Number(s.worker_peak_rss_mb).toFixed(0)} MB (goal < 400), history ${JSON.stringify(s.phase_history_events)}`);
  if (l) console.log(`llm-throughput: ${(100 * Number((l.nocode as { fraction_of_ideal?: number })?.fraction_of_ideal)).toFixed(0)}% of 64 units/s (goal ≥ 90%)`);
  if (b) console.log(`bbh: ${b.units} units at ${Number(b.units_per_s).toFixed(1)} units/s of ideal ${b.ideal_units_per_s} (${(100 * Number(b.fraction_of_ideal)).toFixed(0)}%), worker peak RSS ${Number(b.worker_peak_rss_mb).toFixed(0)} MB`);
  for (const d of ['humaneval', 'mbpp']) {
    const f = e?.[d];
    if (f?.programs) console.log(`evalplus-oracle ${d}: ${(100 * Number(f.agreement_excluding_evalplus_bugs)).toFixed(2)}% agreement with EvalPlus 0.3.1 over ${f.programs} programs, its own bugs excluded (goal ≥ 99.5%)`);
  }
  if (bcb?.fork_server && bcb.fresh) console.log(`bigcodebench: ${bcb.samples} Hard canonical solutions in ${bcb.environment}: fork server ${bcb.fork_server.per_sample_ms.toFixed(0)} ms/sample vs fresh interpreter ${bcb.fresh.per_sample_ms.toFixed(0)} ms (${Number(bcb.speedup).toFixed(1)}x)`);
  if (ag) console.log(`agentic: ${ag.episodes} episodes x ${ag.turns} turns at ${Number(ag.episodes_per_s).toFixed(2)} episodes/s of ideal ${Number(ag.ideal_episodes_per_s).toFixed(1)} (${(100 * Number(ag.fraction_of_ideal)).toFixed(0)}%), ${Number(ag.history_events_per_episode).toFixed(0)} history events per episode, worker peak RSS ${Number(ag.worker_peak_rss_mb).toFixed(0)} MB`);
  if (a) console.log(`adaptive-concurrency: settled ${Number(a.settled_ok_per_s).toFixed(1)} req/s vs limit ${a.rate_limit}, ${a.total_429} 429s`);
} catch {
  // no figures written (every bench failed)
}
