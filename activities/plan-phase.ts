import { Bitset } from '../contract/bitset';
import { emptyCounters, type ArmCounters } from '../contract/messages';
import { outPath, updateRunRecord } from '../store/run-record';
import { ResultsIndex } from '../store/results-index';
import { phaseUnits, providerKey, scoredUnits, type PhaseUnits } from '../eval/phase-units';
import { phaseNeeds } from '../eval/capabilities';
import { phaseKind } from '../eval/kinds';
import type { PhaseContext, PhasePlan } from '../contract/phase';
import { asActivityError } from './failures';
import { Context } from '@temporalio/activity';

/** A cold HumanEval+ load computes expected outputs for a minute or more: keep the activity alive. */
const heartbeat = () => Context.current().heartbeat();

/**
 * Arms' capability needs, when any (a phase on the shared queue carries none: its plan is as
 * before). Episodes are not routed: their steps keep the transcript beside the run's files.
 */
function needsOf(ctx: PhaseContext, pu: PhaseUnits): Pick<PhasePlan, 'needs'> {
  const needs = phaseKind(ctx.phase).episodes ? null : phaseNeeds(ctx.phase, pu.task, pu.arms);
  return needs ? { needs } : {};
}

/** Loads the suite, enumerates units and marks those already recorded (passed/failed; errors are re-run). */
export async function planPhase(ctx: PhaseContext): Promise<PhasePlan> {
  try {
    const pu = await phaseUnits(ctx.phase, { onProgress: heartbeat });
    const idx = ResultsIndex.for(outPath(ctx.output_dir, 'results'), ctx.run_id);
    await idx.refresh();
    const done = Bitset.empty(pu.total);
    let doneCount = 0;
    const counters: Record<string, ArmCounters> = {};
    for (const a of pu.arms) counters[a.name] = emptyCounters(pu.samples.length * pu.epochs);
    for (const { unit, arm, row } of scoredUnits(pu, ctx.phase.name, idx)) {
      done.add(unit);
      doneCount++;
      const c = counters[arm.name]!;
      c.done++;
      if (row.status === 'passed') c.passed++;
      else c.failed++;
      c.cost_usd += row.cost_usd;
      c.tokens_in += row.tokens_in;
      c.tokens_out += row.tokens_out;
    }
    // run.json carries the phase's size, so reports can say "n of N" even for a partial run.
    await updateRunRecord(ctx.output_dir, (r) => {
      const rec = r.phases.find((x) => x.name === ctx.phase.name);
      if (rec) rec.units_total = pu.total;
    });
    return {
      units_total: pu.total,
      tasks: pu.samples.length,
      task_ids: pu.samples.map((s) => s.id),
      arms: pu.arms.map((a) => a.name),
      providers: pu.arms.map(providerKey),
      samples_per_task: pu.epochs,
      unit_timeout_s: pu.unitTimeoutS,
      batchable: pu.batchable,
      ...(phaseKind(ctx.phase).episodes ? { episodes: true } : {}),
      ...needsOf(ctx, pu),
      done_bitmap: done.toBase64(),
      done: doneCount,
      counters,
    };
  } catch (e) {
    throw asActivityError(e);
  }
}
