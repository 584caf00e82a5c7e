import { promises as fs } from 'node:fs';
import { ApplicationFailure } from '@temporalio/activity';
import type { RunConfig } from '../config/run-config';
import type { PhaseState, RunRecord, WaitEvent } from '../config/run-record';
import { writeJsonAtomic } from '../store/atomic';
import { appendMeta, readResults } from '../store/results';
import { ResultsIndex } from '../store/results-index';
import { appendCrash, outPath, readRunRecord, resolveOutputDir, updateRunRecord, withFileLock } from '../store/run-record';
import { logLine } from '../store/run-log';
import { writeReport } from '../report/write-report';
import { flushProgress, progressWriterFor } from '../progress/writers';
import { countScored } from '../eval/phase-units';
import { FAILURE, type PhaseContext } from '../contract/phase';
import { asActivityError } from './failures';
import { phaseKind } from '../eval/kinds';
import { phaseUnits } from '../eval/phase-units';
import { phaseCoverage } from '../eval/phase-coverage';

export interface PrepareRunArgs {
  config: RunConfig;
  run_id: string;
  workflow_id: string;
  resume?: { resumed: true; resumed_at: string; previous_workflow_id?: string; previous_crash_exit_code: number | null };
}

/** Creates (or, on resume, reopens) the output directory: run.json, the meta line, the log. */
export async function prepareRun(args: PrepareRunArgs): Promise<{ output_dir: string; completed_phases: string[] }> {
  const { config, run_id, workflow_id, resume } = args;
  const dir = resolveOutputDir(config.output_dir, run_id);
  await fs.mkdir(dir, { recursive: true });
  const now = new Date().toISOString();
  const existing = await readRunRecord(dir);
  if (existing && existing.workflow_id !== workflow_id && !resume) {
    throw ApplicationFailure.create({
      type: FAILURE.invalidConfig,
      nonRetryable: true,
      message: `${dir} already holds run ${existing.run_id} (workflow ${existing.workflow_id}); resume it with \`gauntlet run --resume --output ${dir}\` or choose another output directory`,
    });
  }
  const resultsFile = outPath(dir, 'results');
  const prior = await readResults(resultsFile);
  if (!prior.meta) await appendMeta(resultsFile, { run_id, workflow_id, started_at: now, config });

  const phases = config.phases.map((p) => {
    const old = existing?.phases.find((x) => x.name === p.name);
    return old && old.state === 'completed' ? old : { name: p.name, kind: p.kind, state: 'pending' as PhaseState, attempts: 0 };
  });
  const record: RunRecord = {
    run_id,
    workflow_id,
    output_dir: dir,
    config,
    state: 'running',
    created_at: existing?.created_at ?? now,
    updated_at: now,
    phases,
    resume_events: existing?.resume_events ?? [],
    waits: existing?.waits ?? [],
  };
  if (resume && existing?.workflow_id !== workflow_id) {
    const { done, total } = await countDone(config, dir, run_id);
    record.resume_events.push({
      resumed: true,
      resumed_at: resume.resumed_at,
      tasks_skipped: done,
      tasks_remaining: total - done,
      previous_crash_exit_code: resume.previous_crash_exit_code,
      previous_workflow_id: resume.previous_workflow_id ?? existing?.workflow_id,
    });
    await logLine(dir, `Resuming: ${done}/${total} tasks already done, ${total - done} remaining (workflow ${workflow_id})`);
  } else if (!existing) {
    await logLine(dir, `Starting run ${run_id} (workflow ${workflow_id}) with ${config.phases.length} phase(s) → ${dir}`);
  }
  await withFileLock(outPath(dir, 'runRecord'), () => writeJsonAtomic(outPath(dir, 'runRecord'), record));
  return { output_dir: dir, completed_phases: phases.filter((p) => p.state === 'completed').map((p) => p.name) };
}

/** Units with a passed/failed row, and all units, over the run's phases. */
async function countDone(config: RunConfig, dir: string, runId: string): Promise<{ done: number; total: number }> {
  const idx = ResultsIndex.for(outPath(dir, 'results'), runId);
  await idx.refresh();
  let done = 0;
  let total = 0;
  for (const phase of config.phases) {
    try {
      const c = await countScored(phase, idx);
      done += c.done;
      total += c.total;
    } catch (e) {
      throw asActivityError(e);
    }
  }
  return { done, total };
}

export async function markPhase(args: { output_dir: string; name: string; state: PhaseState; attempts: number; message?: string }): Promise<void> {
  const now = new Date().toISOString();
  await updateRunRecord(args.output_dir, (r) => {
    const p = r.phases.find((x) => x.name === args.name);
    if (!p) return;
    if (args.state === 'running' && p.state !== 'running') p.started_at ??= now;
    if (['completed', 'failed', 'exhausted', 'budget', 'cancelled', 'fatal'].includes(args.state)) p.ended_at = now;
    p.state = args.state;
    p.attempts = Math.max(p.attempts, args.attempts);
    p.message = args.message;
  });
  await logLine(args.output_dir, `phase ${args.name}: ${args.state}${args.attempts ? ` (attempt ${args.attempts})` : ''}${args.message ? ` — ${args.message}` : ''}`);
}

export async function recordCrash(args: {
  output_dir: string;
  phase: string;
  attempt: number;
  exit_code: number;
  duration_seconds: number;
  stderr_tail: string;
  ctx: PhaseContext;
}): Promise<void> {
  let completed = 0;
  let remaining = 0;
  try {
    const idx = ResultsIndex.for(outPath(args.output_dir, 'results'), args.ctx.run_id);
    await idx.refresh();
    const c = await countScored(args.ctx.phase, idx);
    completed = c.done;
    remaining = c.total - c.done;
  } catch {
    // the suite itself may be what failed to load: the counts stay 0
  }
  await appendCrash(args.output_dir, {
    timestamp: new Date().toISOString(),
    phase: args.phase,
    attempt: args.attempt,
    exit_code: args.exit_code,
    duration_seconds: Math.round(args.duration_seconds * 1000) / 1000,
    stderr_tail: args.stderr_tail,
    tasks_completed_before_crash: completed,
    tasks_remaining: remaining,
  });
  await logLine(args.output_dir, `phase ${args.phase}: attempt ${args.attempt} crashed (exit ${args.exit_code}): ${args.stderr_tail.slice(0, 500)}`);
}

export async function recordWait(args: { output_dir: string; event: WaitEvent }): Promise<void> {
  await updateRunRecord(args.output_dir, (r) => {
    r.waits.push(args.event);
  });
  await logLine(args.output_dir, `phase ${args.event.phase}: ${args.event.failure_class} on ${args.event.provider}, waiting ${args.event.wait_s} s`);
}

/**
 * Phase-level outputs once all its units are in (the mutation report). A phase about to be called
 * `completed` must have a row of this run for every unit: if not, the attempt fails with what is
 * missing (and the next attempt re-plans), rather than report "0 of N done" as a success.
 */
export async function finishPhase(ctx: PhaseContext, state: PhaseState = 'completed'): Promise<void> {
  if (state === 'completed') {
    const { total, missing } = await phaseCoverage(ctx.phase, ctx.run_id, outPath(ctx.output_dir, 'results'));
    if (missing.length) {
      const shown = missing.slice(0, 5).join(', ');
      throw ApplicationFailure.create({
        type: FAILURE.incomplete,
        nonRetryable: true,
        message: `phase ${ctx.phase.name}: ${missing.length} of ${total} units have no row of run ${ctx.run_id} in ${outPath(ctx.output_dir, 'results')} (${shown}${missing.length > 5 ? ', ...' : ''}); the phase is not complete and its next attempt runs them`,
      });
    }
  }
  const finish = phaseKind(ctx.phase).finish;
  if (!finish) return;
  try {
    await finish(ctx, (await phaseUnits(ctx.phase)).samples);
  } catch (e) {
    throw asActivityError(e);
  }
}

export async function finalizeRun(args: { output_dir: string; state: RunRecord['state'] }): Promise<{ md?: string; json?: string; html?: string }> {
  const now = new Date().toISOString();
  const record = await updateRunRecord(args.output_dir, (r) => {
    r.state = args.state;
    r.ended_at = now;
  });
  const cfg = record.config as RunConfig;
  await progressWriterFor(args.output_dir).poke();
  await flushProgress(args.output_dir);
  const { paths } = await writeReport(args.output_dir, { formats: cfg.report?.formats ?? ['md', 'json', 'html'] });
  await logLine(args.output_dir, `run ${record.run_id} ${args.state}; report: ${paths.md ?? paths.json ?? paths.html ?? '(none)'}`);
  return paths;
}
