import { parseModelSpec } from '../../config/model-spec';
import type { Phase } from '../../config/run-config';
import { makeGenerate } from '../generate';
import type { Unit } from '../kinds/types';
import { emptyUsage, initialState } from '../state';
import { resolveTools, runToolCall, toolDefs, type ToolEnv } from '../tools';
import type { EpisodeLimits, TaskDef, TaskState } from '../types';
import { appendRecord, Episode } from './transcript';
import { RefError } from '../errors';

/**
 * The evaluation core of an agentic episode, one step at a time, each step idempotent over the
 * transcript: a step whose record is already there returns it without paying again. Nothing
 * here knows Temporal (workflows/episode.ts drives the steps, activities/episode.ts adapts them).
 */
export interface EpisodeRef {
  u: Unit;
  task: TaskDef;
  phase: Phase;
  /** The transcript file (transcriptFile()). */
  file: string;
}

export interface EpisodeProgress {
  /** Model turns completed. */
  turns: number;
  tokens: number;
  submitted: boolean;
  limits: EpisodeLimits;
}

export function agenticSpecOf(task: TaskDef) {
  if (!task.agentic) throw new RefError(`suite ${task.name} defines no agentic spec (tools and limits); agentic phases need a suite with TaskDef.agentic, e.g. resilience`);
  return task.agentic;
}

/** The suite's limits, overridden by the phase's `episode` settings. */
export function limitsOf(task: TaskDef, phase: Phase): EpisodeLimits {
  return { ...agenticSpecOf(task).limits, ...(phase.episode ?? {}) };
}

const isReference = (u: Unit) => parseModelSpec(u.arm.model).provider === 'reference';

async function progressOf(e: EpisodeRef, ep: Episode): Promise<EpisodeProgress> {
  const t = ep.tokens;
  return { turns: ep.turns, tokens: t.tokens_in + t.tokens_out, submitted: ep.submission !== undefined, limits: limitsOf(e.task, e.phase) };
}

/** Writes the start record (once) and says where the episode is: a resumed episode carries on from its last recorded turn. */
export async function startEpisode(e: EpisodeRef): Promise<EpisodeProgress> {
  let ep = await Episode.read(e.file);
  if (!ep.start) {
    const spec = agenticSpecOf(e.task);
    const tools = await resolveTools(spec.tools);
    const system = spec.system ?? e.u.arm.params.system_prompt;
    await appendRecord(e.file, { type: 'start', ...(system !== undefined ? { system } : {}), messages: initialState(e.u.sample, e.u.epoch).messages, tools: toolDefs(tools) });
    // `reference` as a model submits the suite's reference fix without a model, as it does elsewhere.
    if (isReference(e.u)) {
      const code = e.task.reference?.(e.u.sample);
      if (code === undefined) throw new Error(`suite ${e.task.name} has no reference answer for the reference model`);
      await appendRecord(e.file, { type: 'submission', code, by: 'reference' });
    }
    ep = await Episode.read(e.file);
  }
  return progressOf(e, ep);
}

export interface ModelTurnOptions {
  useCache: boolean;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Runs after the model answered (and the answer is in the response cache), before the turn is recorded. */
  answered?: () => Promise<void>;
}

/** Model turn `turn` over the transcript's conversation; returns how many tool calls it made. */
export async function modelTurn(e: EpisodeRef, turn: number, o: ModelTurnOptions): Promise<{ calls: number; tokens: number }> {
  let ep = await Episode.read(e.file);
  const done = ep.models.get(turn);
  if (!done) {
    const start = ep.start!;
    const state: TaskState = { ...initialState(e.u.sample, e.u.epoch), messages: ep.messagesBefore(turn), usage: emptyUsage() };
    const generate = makeGenerate({ arm: e.u.arm, useCache: o.useCache, timeoutMs: o.timeoutMs, signal: o.signal });
    const out = await generate(state, { tools: start.tools, ...(start.system !== undefined ? { system: start.system } : {}) });
    await o.answered?.();
    await appendRecord(e.file, {
      type: 'model',
      turn,
      message: out.messages[out.messages.length - 1]!,
      calls: out.output.tool_calls ?? [],
      tokens_in: out.usage.tokens_in,
      tokens_out: out.usage.tokens_out,
      cost_usd: out.usage.cost_usd,
      cached: out.usage.cached,
    });
    ep = await Episode.read(e.file);
  }
  const t = ep.tokens;
  return { calls: ep.models.get(turn)!.calls.length, tokens: t.tokens_in + t.tokens_out };
}

/** Runs tool call `index` of model turn `turn`; `submitted` when it ended the episode. */
export async function toolStep(e: EpisodeRef, turn: number, index: number, env: ToolEnv): Promise<{ submitted: boolean }> {
  const ep = await Episode.read(e.file);
  const done = ep.tool(turn, index);
  if (done) return { submitted: done.submission !== undefined };
  const call = ep.models.get(turn)?.calls[index];
  if (!call) throw new Error(`episode ${e.file}: turn ${turn} has no tool call ${index}`);
  const tools = await resolveTools(agenticSpecOf(e.task).tools);
  const r = await runToolCall(tools, call, env);
  await appendRecord(e.file, {
    type: 'tool',
    turn,
    index,
    result: { type: 'tool_result', tool_call_id: call.id, content: r.content, ...(r.is_error ? { is_error: true } : {}) },
    ...(r.submission !== undefined ? { submission: r.submission } : {}),
  });
  return { submitted: r.submission !== undefined };
}

/** The episode as a final state for the scorer: the submission as the output, usage summed over turns. */
export async function episodeOutcome(e: EpisodeRef): Promise<{ state: TaskState; submission?: string; turns: number; tool_calls: number }> {
  const ep = await Episode.read(e.file);
  const t = ep.tokens;
  const state: TaskState = {
    ...initialState(e.u.sample, e.u.epoch),
    // The whole conversation is the transcript file; the scorer needs only the submission.
    messages: ep.start?.messages ?? [],
    output: { completion: ep.submission ?? '', ...(ep.submission !== undefined ? { program: ep.submission } : {}) },
    usage: { tokens_in: t.tokens_in, tokens_out: t.tokens_out, cost_usd: t.cost_usd, calls: ep.turns, cached: t.cached },
  };
  return { state, ...(ep.submission !== undefined ? { submission: ep.submission } : {}), turns: ep.turns, tool_calls: ep.toolCalls };
}
