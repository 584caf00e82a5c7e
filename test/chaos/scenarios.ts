import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnGauntlet, sleep, tailOf, waitUntil } from '../../bench/lib/procs';
import { readResults } from '../../store/results';
import { rowCount, startRun } from '../../bench/lib/run';
import { BBH_ARMS, bbhChaosConfig, chaosConfig } from './lib/config';
import { tornPrefix } from './lib/torn';
import type { Driver, ScenarioSpec } from './lib/scenario';

const ci = (d: Driver, small: number, large: number) => (d.ctx.ci ? small : large);

/** SIGKILL of the only worker at seeded progress points, each followed by a restart. */
const workerKill: ScenarioSpec = {
  name: 'worker-kill',
  about: 'SIGKILL of the worker (process group), then a restart; repeated',
  workers: 1,
  async strike(d) {
    for (const pt of d.rng.points(ci(d, 3, 24), 0.05, 0.9)) {
      if (!(await d.progress(pt))) break;
      await d.pool.strike(0, 'SIGKILL');
      d.count('SIGKILLs');
      await d.pool.ready(0); // the next kill must hit a working worker
    }
  },
};

/** Two workers on one queue; one is killed mid-activity and the other carries on. */
const twoWorkers: ScenarioSpec = {
  name: 'two-workers',
  about: 'two workers on one task queue, one SIGKILLed mid-activity (the survivor takes over)',
  workers: 2,
  async strike(d) {
    const pts = d.rng.points(ci(d, 1, 6), 0.15, 0.8);
    for (const [i, pt] of pts.entries()) {
      if (!(await d.progress(pt))) break;
      const slot = i % 2;
      await d.pool.strike(slot, 'SIGKILL', false);
      d.count('SIGKILLs (no restart)');
      const next = pts[i + 1];
      if (next === undefined) break; // the last one stays dead: the survivor finishes the run
      if (!(await d.progress((pt + next) / 2))) break;
      d.pool.start(slot);
      await d.pool.ready(slot);
    }
  },
};

/** SIGKILL of the Temporal dev server; restart on the same SQLite file and port. */
const serverKill: ScenarioSpec = {
  name: 'server-kill',
  about: 'SIGKILL of the dev server, restart on the same database file and port',
  workers: 1,
  async strike(d) {
    for (const pt of d.rng.points(ci(d, 1, 3), 0.2, 0.7)) {
      if (!(await d.progress(pt))) break;
      await d.ctx.env.killServer();
      d.count('server SIGKILLs');
      await sleep(d.rng.between(1000, 4000));
      await d.ctx.env.startServer();
    }
  },
};

/** SIGTERM (graceful) of a worker: in-flight units finish, then it exits 0. */
const workerTerm: ScenarioSpec = {
  name: 'worker-term',
  about: 'SIGTERM of a worker (graceful shutdown), replacement started at once',
  workers: 2,
  async strike(d) {
    let sent = 0;
    for (const [i, pt] of d.rng.points(ci(d, 2, 6), 0.1, 0.85).entries()) {
      if (!(await d.progress(pt))) break;
      await d.pool.strike(i % 2, 'SIGTERM');
      sent++;
      d.count('SIGTERMs');
      await d.pool.ready(i % 2);
    }
    // A graceful worker drains its in-flight units (grace 30 s) and exits 0.
    await waitUntil(() => d.pool.gracefulExitCodes.length >= sent, 45_000, 'SIGTERMed workers to exit').catch(() => undefined);
    const codes = d.pool.gracefulExitCodes;
    d.note('exit codes after SIGTERM', codes.join(',') || '-');
    if (codes.length < sent || codes.some((c) => c !== 0)) throw new Error(`SIGTERMed workers exited ${codes.join(',')} (expected ${sent} x 0)`);
  },
};

/** A row for a unit that has none yet, cut mid-line: what a writer killed mid-append leaves. */
async function appendTornRow(d: Driver): Promise<void> {
  const file = path.join(d.outDir, 'results.jsonl');
  const { rows } = await readResults(file);
  const done = new Set(rows.map((r) => `${r.task_id}|${r.arm}|${r.sample}`));
  const task = `HumanEval/${d.rng.int(0, d.ctx.size.tasks - 1)}`;
  const arm = d.rng.pick(['ref', 'mock']);
  const key = done.has(`${task}|${arm}|0`) ? `${task}|${arm}|0 (done)` : `${task}|${arm}|0`;
  const line = JSON.stringify({ run_id: d.runId, phase: 'bench', task_id: task, arm, sample: 0, status: 'passed', score: 1, duration_ms: 123, recorded_at: new Date().toISOString() });
  appendFileSync(file, tornPrefix(line, d.rng.between(0.2, 0.9)));
  d.tornInjected++;
  d.note('last torn line for', key);
}

/** Torn last lines: appended while the run goes, and after a SIGKILL of the worker. */
const tornLines: ScenarioSpec = {
  name: 'torn-lines',
  about: 'results.jsonl with a last line cut mid-write: live, and after a worker SIGKILL',
  workers: 1,
  async strike(d) {
    for (const [i, pt] of d.rng.points(ci(d, 2, 6), 0.1, 0.8).entries()) {
      if (!(await d.progress(pt))) break;
      if (i % 2 === 0) {
        await appendTornRow(d);
        d.count('torn lines (live)');
      } else {
        await d.pool.strike(0, 'SIGKILL', false);
        await sleep(300);
        await appendTornRow(d);
        d.count('torn lines (after SIGKILL)');
        d.pool.start(0);
        await d.pool.ready(0);
      }
    }
  },
};

/** `gauntlet run --wait` interrupted with Ctrl+C: the CLI detaches, the run goes on. */
const sigintWait: ScenarioSpec = {
  name: 'sigint-wait',
  about: 'Ctrl+C (SIGINT) of `gauntlet run --wait`; the run goes on without it',
  workers: 1,
  async start(d) {
    const cfgFile = path.join(d.ctx.env.dir, `${d.runId}.json`);
    const cfg = chaosConfig({ runId: d.runId, outDir: d.outDir, tasks: d.ctx.size.tasks, samples: d.ctx.size.samples, mockUrl: d.ctx.mockUrl });
    writeFileSync(cfgFile, JSON.stringify(cfg, null, 2));
    const cli = spawnGauntlet('run-wait', ['run', '--config', cfgFile, '--address', d.ctx.env.address, '--task-queue', d.queue, '--wait'], {
      log: path.join(d.ctx.env.dir, `${d.runId}-cli.log`),
      env: { GAUNTLET_WORKFLOW_BUNDLE: d.ctx.env.bundle },
    });
    (d as Driver & { cli?: typeof cli }).cli = cli;
    return `gauntlet-${d.runId}`; // the CLI's workflow id for a run id (cli/client.ts workflowIdForRun)
  },
  async strike(d) {
    const cli = (d as Driver & { cli?: import('../../bench/lib/procs').Proc }).cli!;
    const pt = d.rng.between(0.2, 0.5);
    const progressed = await d.progress(pt);
    if (!progressed || cli.done) {
      d.note('SIGINT', `not sent: ${cli.done ? 'the CLI had exited' : 'the run ended first'}`);
      return;
    }
    cli.kill('SIGINT'); // the terminal sends Ctrl+C to the whole foreground group
    const code = await Promise.race([cli.exited, sleep(20_000).then(() => 'no exit in 20 s')]);
    const detached = /detached/.test(tailOf(cli.log, 20));
    d.note('CLI exit after SIGINT', `${code}${detached ? ' (detached)' : ''}`);
    if (code !== 0 || !detached) throw new Error(`gauntlet run --wait after SIGINT: exit ${code}, output: ${tailOf(cli.log, 8)}`);
    cli.kill('SIGKILL');
    // One worker kill while nobody watches, for good measure.
    if (await d.progress(Math.min(0.9, pt + 0.2))) {
      await d.pool.strike(0, 'SIGKILL');
      d.count('SIGKILLs');
    }
  },
};

/** The BBH sweep (27 subtasks, two arms) through 429 storms, quota windows and a tight rate limit. */
const bbhPerSubtask = (ci: boolean) => (ci ? 1 : 10);
const bbhSweep: ScenarioSpec = {
  name: 'bbh-sweep',
  about: 'BBH 27 subtasks x 2 arms (cot-fewshot, direct) through 429 storms, quota windows and a rate limit; one worker SIGKILL (long runs)',
  workers: 1,
  plans: ['storm429', 'quota', 'ratelimit'],
  perArm: (_size, isCi) => Object.fromEntries(BBH_ARMS.map((a) => [a, 27 * bbhPerSubtask(isCi)])),
  async start(d) {
    const cfg = bbhChaosConfig({ runId: d.runId, outDir: d.outDir, n: bbhPerSubtask(d.ctx.ci), mockUrl: d.ctx.mockUrl });
    return (await startRun(d.ctx.env.client, d.queue, d.runId, cfg)).workflowId;
  },
  async strike(d) {
    if (d.ctx.ci) return; // CI: the fault windows alone, to keep the set's runtime small
    if (await d.progress(d.rng.between(0.3, 0.7))) {
      await d.pool.strike(0, 'SIGKILL');
      d.count('SIGKILLs');
    }
  },
};

/**
 * SIGKILL of the worker while a lifecycle activity is certainly running: the worker holds the
 * activity's first attempt (GAUNTLET_FAULT_HOLD) and says so in its log, the harness kills it on
 * that line. The attempt is lost with the worker; its heartbeat timeout hands it to the restart.
 */
function killDuring(name: string, activity: 'planPhase' | 'finalizeRun', about: string): ScenarioSpec {
  return {
    name,
    about,
    workers: 1,
    workerEnv: { GAUNTLET_FAULT_HOLD: activity },
    async strike(d) {
      await d.pool.logged(0, new RegExp(`fault hold: ${activity} attempt 1 is running`), d.ctx.deadlineMs);
      // The files at the moment of the kill show the activity had not done its work yet.
      const rows = rowCount(d.outDir);
      const report = existsSync(path.join(d.outDir, 'report.json'));
      await d.pool.strike(0, 'SIGKILL');
      const killedAt = Date.now();
      d.count(`SIGKILLs inside ${activity}`);
      d.note('at the kill: rows / report.json', `${rows} / ${report ? 'written' : 'absent'}`);
      if (activity === 'planPhase' && rows > 0) throw new Error(`planPhase was held, yet ${rows} rows were already recorded`);
      if (activity === 'finalizeRun' && (rows < d.expected || report)) throw new Error(`finalizeRun was held with ${rows}/${d.expected} rows and report.json ${report ? 'written' : 'absent'}`);
      await d.pool.ready(0);
      // Bounded by the run's own deadline (waitForRun sets d.ended either way).
      while (!d.ended) await sleep(200);
      d.note('s from the kill to the run end', ((Date.now() - killedAt) / 1000).toFixed(1));
    },
  };
}

const planKill = killDuring('plan-kill', 'planPhase', 'SIGKILL of the worker while planPhase runs, then a restart');
const finalizeKill = killDuring('finalize-kill', 'finalizeRun', 'SIGKILL of the worker while finalizeRun runs, then a restart');

export const SCENARIOS: ScenarioSpec[] = [workerKill, twoWorkers, serverKill, workerTerm, tornLines, sigintWait, bbhSweep, planKill, finalizeKill];
