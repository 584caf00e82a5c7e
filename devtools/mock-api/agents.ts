import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Task } from '../../config/task';
import type { Conversation, MockToolCall, MockTurn, WireToolResult } from './wire';

/**
 * Scripted agents of the simulated API: what the model answers on each turn of a tool-use
 * conversation, decided from the conversation so far. An agent is either data (a script, what
 * `--agent FILE` and `POST /__config {"agents": ...}` take) or, in tests, a function.
 *
 * A script plays `steps[n]` on the request whose conversation already holds n assistant turns.
 * Past the last step it repeats the last one when `repeat_last` (an agent that never submits),
 * else it answers `final_text` with no tool call. A step's `on_error` is played instead when
 * the latest tool result is an error (an agent that recovers from its own malformed call).
 * Strings in a step (text, args values, raw_args) may hold `{{last_result}}` (content of the
 * latest tool result), `{{results}}` (how many there are), `{{turn}}` (n) and
 * `{{task.FIELD}}` (a field of the task the conversation is about, e.g. canonical_solution) and
 * `{{file:PATH}}` (a project file, e.g. suites/resilience/partials/sanitize_only.py).
 */
export interface AgentView extends Conversation {
  /** The loaded task whose prompt the conversation contains, if any. */
  task?: Task;
  last_result?: WireToolResult;
}
export type AgentFn = (c: AgentView) => MockTurn;

const CallSchema = z.strictObject({
  tool: z.string().min(1),
  args: z.record(z.string(), z.unknown()).optional(),
  raw_args: z.string().optional(),
});
interface Step {
  text?: string;
  calls?: MockToolCall[];
  on_error?: Step;
}
const StepSchema: z.ZodType<Step> = z.lazy(() =>
  z.strictObject({ text: z.string().optional(), calls: z.array(CallSchema).optional(), on_error: StepSchema.optional() }),
);
export const AgentScriptSchema = z.strictObject({
  description: z.string().optional(),
  steps: z.array(StepSchema).min(1),
  repeat_last: z.boolean().optional(),
  final_text: z.string().optional(),
});
export type AgentScript = z.infer<typeof AgentScriptSchema>;
export type Agent = AgentScript | AgentFn;

/** Name → script. The name `default` answers every request that offers tools and names no other agent. */
export const AgentMapSchema = z.record(z.string().min(1), AgentScriptSchema);
export const DEFAULT_AGENT = 'default';

/**
 * Parses `{name: script, ...}` or one script (which becomes `default`); errors say where.
 * In-process callers (tests) may give functions as map values: they pass through unchecked.
 */
export function parseAgents(raw: unknown, where: string): Record<string, Agent> {
  const one = AgentScriptSchema.safeParse(raw);
  if (one.success) return { [DEFAULT_AGENT]: one.data };
  const entries = raw && typeof raw === 'object' && !Array.isArray(raw) ? Object.entries(raw) : [];
  const fns = Object.fromEntries(entries.filter(([, v]) => typeof v === 'function')) as Record<string, AgentFn>;
  const many = AgentMapSchema.safeParse(Array.isArray(raw) || !raw || typeof raw !== 'object' ? raw : Object.fromEntries(entries.filter(([, v]) => typeof v !== 'function')));
  if (many.success) return { ...many.data, ...fns };
  const issue = (raw && typeof raw === 'object' && 'steps' in raw ? one : many).error!.issues[0]!;
  throw new Error(
    `${where}: at ${issue.path.join('.') || '(root)'}: ${issue.message}; expected one agent script {"steps": [{"text"?, "calls"?: [{"tool", "args"?, "raw_args"?}], "on_error"?}], "repeat_last"?, "final_text"?} ` +
      `or {"NAME": script, ...} (NAME = the model name a request uses, or "default")`,
  );
}

/** Built-in agent scripts: one JSON file per set, `--agent NAME` for scripts/NAME.json. */
export const SCRIPTS_DIR = path.join(import.meta.dirname, 'scripts');
export const builtinScripts = () => readdirSync(SCRIPTS_DIR).flatMap((f) => (f.endsWith('.json') ? [f.slice(0, -5)] : []));

/** `--agent FILE` or `--agent NAME` (a built-in set under scripts/). */
export function loadAgentFile(fileOrName: string): Record<string, Agent> {
  const builtin = path.join(SCRIPTS_DIR, `${fileOrName}.json`);
  const file = !existsSync(fileOrName) && /^[\w-]+$/.test(fileOrName) && existsSync(builtin) ? builtin : fileOrName;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? `file not found (built-in sets: ${builtinScripts().join(', ')})` : `not valid JSON (${(e as Error).message})`;
    throw new Error(`--agent ${file}: ${why}`);
  }
  return parseAgents(raw, `--agent ${file}`);
}

/** The agent that answers a request: the one named like the request's model, else `default` when tools are offered. */
export function agentFor(agents: ReadonlyMap<string, Agent>, c: Conversation): { name: string; agent: Agent } | undefined {
  const named = agents.get(c.model);
  if (named) return { name: c.model, agent: named };
  const fallback = agents.get(DEFAULT_AGENT);
  return fallback && c.tools.length ? { name: DEFAULT_AGENT, agent: fallback } : undefined;
}

export function playAgent(agent: Agent, view: AgentView): MockTurn {
  if (typeof agent === 'function') return agent(view);
  const n = view.assistant_turns;
  let step: Step | undefined = agent.steps[n] ?? (agent.repeat_last ? agent.steps[agent.steps.length - 1] : undefined);
  if (!step) return { text: fill(agent.final_text ?? 'I have nothing more to do.', view) };
  if (view.last_result?.is_error && step.on_error) step = step.on_error;
  return {
    ...(step.text !== undefined ? { text: fill(step.text, view) } : {}),
    ...(step.calls ? { calls: step.calls.map((c) => fillCall(c, view)) } : {}),
  };
}

function fillCall(c: MockToolCall, view: AgentView): MockToolCall {
  return {
    tool: c.tool,
    ...(c.args ? { args: fillDeep(c.args, view) as Record<string, unknown> } : {}),
    ...(c.raw_args !== undefined ? { raw_args: fill(c.raw_args, view) } : {}),
  };
}

function fillDeep(v: unknown, view: AgentView): unknown {
  if (typeof v === 'string') return fill(v, view);
  if (Array.isArray(v)) return v.map((x) => fillDeep(x, view));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, view)]));
  return v;
}

function fill(s: string, view: AgentView): string {
  return s.replace(/\{\{\s*([\w.:/-]+)\s*\}\}/g, (_, key: string) => {
    if (key === 'last_result') return view.last_result?.content ?? '';
    if (key === 'results') return String(view.results.length);
    if (key === 'turn') return String(view.assistant_turns);
    if (key.startsWith('file:')) return projectFile(key.slice(5));
    if (key.startsWith('task.')) {
      if (!view.task) throw new AgentError(`the agent script uses {{${key}}} but no loaded task matches this conversation; start the mock with the suite the run uses (--suite / --data)`);
      const field = (view.task as unknown as Record<string, unknown>)[key.slice(5)];
      if (typeof field !== 'string') throw new AgentError(`the agent script uses {{${key}}} but tasks have no text field "${key.slice(5)}"`);
      return field;
    }
    throw new AgentError(`the agent script uses {{${key}}}; known: {{last_result}}, {{results}}, {{turn}}, {{task.FIELD}}, {{file:PATH}}`);
  });
}

const PROJECT_ROOT = path.join(import.meta.dirname, '../..');

/** `{{file:PATH}}`: a file of the project (PATH relative to its root), e.g. a suite's partial fix an agent submits. */
function projectFile(rel: string): string {
  const file = path.join(PROJECT_ROOT, rel);
  if (!file.startsWith(PROJECT_ROOT + path.sep) || !existsSync(file)) throw new AgentError(`the agent script uses {{file:${rel}}}, which is not a file under ${PROJECT_ROOT}`);
  return readFileSync(file, 'utf8');
}

/** A script that cannot be played for this request: answered 400 with the message. */
export class AgentError extends Error {}
