import type { ToolCall, ToolDef } from '../../models/chat';
import { RefError } from '../errors';
import { loadExport, parseRef } from '../plugins';
import { pythonExpression } from './python-expression';
import { submitCode } from './submit-code';
import type { Tool, ToolEnv, ToolOutcome } from './types';

export type { Tool, ToolEnv, ToolOutcome } from './types';
export { PYTHON_OUTPUT_LIMIT, PYTHON_CALL_TIMEOUT_MS } from './python-expression';

/** Built-in tools by name; users add their own by Ref (./file.ts#export of a Tool). */
export const BUILTIN_TOOLS: Record<string, Tool> = {
  python_expression: pythonExpression,
  submit_code: submitCode,
};

export async function resolveTool(ref: string): Promise<Tool> {
  const r = parseRef(ref);
  if (r.kind === 'builtin') {
    const t = BUILTIN_TOOLS[r.name];
    if (!t) throw new RefError(`unknown tool "${r.name}"; known: ${Object.keys(BUILTIN_TOOLS).join(', ')}, or a file export ./file.ts#name`);
    return t;
  }
  const t = (await loadExport(r, 'tool')) as Partial<Tool> | undefined;
  if (!t || typeof t.run !== 'function' || !t.def?.name) throw new RefError(`tool ${ref}: expected {def: {name, description, parameters}, run(args, env)}`);
  return t as Tool;
}

export async function resolveTools(refs: string[]): Promise<Tool[]> {
  return Promise.all(refs.map(resolveTool));
}

export const toolDefs = (tools: Tool[]): ToolDef[] => tools.map((t) => t.def);

/**
 * Runs one call the model made. Malformed calls (arguments that are not a JSON object, an
 * unknown tool, a missing required argument) are answered with a tool error the model sees;
 * they cost a turn like any other.
 */
export async function runToolCall(tools: Tool[], call: ToolCall, env: ToolEnv): Promise<ToolOutcome> {
  const tool = tools.find((t) => t.def.name === call.name);
  if (!tool) return { is_error: true, content: `Error: no tool named "${call.name}"; available: ${tools.map((t) => t.def.name).join(', ')}` };
  if (call.invalid_arguments !== undefined) {
    return { is_error: true, content: `Error: the arguments of ${call.name} are not a JSON object (${call.invalid_arguments.slice(0, 200)}); send ${JSON.stringify(tool.def.parameters)}` };
  }
  const required = (tool.def.parameters.required as string[] | undefined) ?? [];
  const missing = required.filter((k) => call.arguments[k] === undefined);
  if (missing.length) return { is_error: true, content: `Error: ${call.name} needs ${missing.join(', ')}; send ${JSON.stringify(tool.def.parameters)}` };
  return tool.run(call.arguments, env);
}
