import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Task } from '../config/task';
import { canonicalProgram } from '../config/task';
import { OPERATORS, type Operator } from './operators';

const MUTATOR = fileURLToPath(new URL('./mutator.py', import.meta.url));

const PositionSchema = z.object({ line: z.number().int(), column: z.number().int() });

/** One mutant of a program, as mutator.py describes it (positions are 1-based, end exclusive). */
export const MutantSchema = z.object({
  operator: z.enum(OPERATORS),
  description: z.string(),
  start: PositionSchema,
  end: PositionSchema,
  original: z.string(),
  replacement: z.string(),
  /** The whole mutated program. */
  source: z.string(),
  /** Set when the mutant fails to compile (a SyntaxError raised by compile(), not by the parser). */
  compile_error: z.string().nullable(),
});
export type Mutant = z.infer<typeof MutantSchema> & { id: string };

const MutatorReply = z.union([z.object({ mutants: z.array(MutantSchema) }), z.object({ error: z.string() })]);

/**
 * Where the solution starts inside the canonical program: for completion tasks the prompt
 * (signature and docstring) comes first and is not the solution. Line is 1-based, column is a
 * 0-based UTF-8 byte offset, as Python's ast reports them.
 */
export function solutionStart(task: Task): { line: number; column: number } {
  if (task.format !== 'completion') return { line: 1, column: 0 };
  const lines = task.prompt.split('\n');
  return { line: lines.length, column: Buffer.byteLength(lines[lines.length - 1] ?? '', 'utf8') };
}

/** Builds the mutants of a task's canonical solution; ids are `<task_id>:<n>` in source order. */
export async function generateMutants(task: Task, operators: readonly Operator[] = OPERATORS, python = process.env.GAUNTLET_PYTHON ?? 'python3'): Promise<Mutant[]> {
  const input = JSON.stringify({ source: canonicalProgram(task), operators, solution_start: solutionStart(task) });
  const p = await execa(python, [MUTATOR], { input, reject: false, timeout: 60_000, maxBuffer: 512 * 1024 * 1024 });
  if (p.exitCode !== 0) {
    throw new Error(`mutator.py failed on task ${task.task_id} (exit ${p.exitCode}): ${String(p.stderr).slice(-1000)}`);
  }
  const reply = MutatorReply.parse(JSON.parse(String(p.stdout)));
  if ('error' in reply) throw new Error(`cannot mutate task ${task.task_id}: ${reply.error}`);
  return reply.mutants.map((m, i) => ({ ...m, id: `${task.task_id}:${i + 1}` }));
}
