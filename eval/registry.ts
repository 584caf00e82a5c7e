import { BUILTIN_TASK_DEFS } from './builtins';
import { absoluteRef, loadExport, parseRef } from './plugins';
import { RefError } from './errors';
import { BUILTIN_SCORERS } from './scorers';
import { BUILTIN_SOLVERS, referenceSolver } from './solvers';
import { codeTaskDef, sampleFromTask } from './suites/code-suite';
import { CODE_SUITE_NAMES } from './suites/registry';
import type { Sample, Scorer, Solver, TaskDef } from './types';

/**
 * Named solvers, scorers and suites. A run config names them by Ref (a built-in name or
 * `./file.ts#export`); unknown names fail at `gauntlet run` time and again on the worker, each
 * time with the list of known names.
 */

const SUITES: Record<string, TaskDef> = Object.fromEntries(CODE_SUITE_NAMES.map((n) => [n, codeTaskDef(n)]));
for (const def of BUILTIN_TASK_DEFS) registerSuite(def);

/** Registers a built-in suite (suite modules call this; names must be unique). */
export function registerSuite(def: TaskDef): void {
  if (SUITES[def.name]) throw new Error(`suite ${def.name} is registered twice`);
  SUITES[def.name] = def;
}

export function registerSolver(name: string, solver: Solver): void {
  if (BUILTIN_SOLVERS[name] || name === 'reference') throw new Error(`solver ${name} is registered twice`);
  BUILTIN_SOLVERS[name] = solver;
}

export function registerScorer(name: string, scorer: () => Scorer): void {
  if (BUILTIN_SCORERS[name]) throw new Error(`scorer ${name} is registered twice`);
  BUILTIN_SCORERS[name] = scorer;
}

export const suiteNames = () => Object.keys(SUITES);
export const solverNames = () => ['reference', ...Object.keys(BUILTIN_SOLVERS)];
export const scorerNames = () => Object.keys(BUILTIN_SCORERS);

const known = (names: string[]) => `known: ${names.join(', ')}, or a file export ./file.ts#name`;

export async function resolveSuite(ref: string): Promise<TaskDef> {
  const r = parseRef(ref);
  if (r.kind === 'builtin') {
    const def = SUITES[r.name];
    if (!def) throw new RefError(`unknown suite "${r.name}"; ${known(suiteNames())}`);
    return def;
  }
  return asTaskDef(await loadExport(r, 'suite'), ref);
}

/** The solver an arm names, with `reference` bound to the suite's reference answers. */
export async function resolveSolver(ref: string, task: TaskDef): Promise<Solver> {
  const r = parseRef(ref);
  if (r.kind === 'builtin') {
    if (r.name === 'reference') return referenceSolver(task.reference);
    const s = BUILTIN_SOLVERS[r.name];
    if (!s) throw new RefError(`unknown solver "${r.name}"; ${known(solverNames())}`);
    return s;
  }
  const s = await loadExport(r, 'solver');
  if (typeof s !== 'function') throw new RefError(`solver ${ref}: expected a function (state, generate, env) => Promise<TaskState>, got ${typeof s}`);
  return s as Solver;
}

export async function resolveScorer(ref: string): Promise<Scorer> {
  const r = parseRef(ref);
  if (r.kind === 'builtin') {
    const make = BUILTIN_SCORERS[r.name];
    if (!make) throw new RefError(`unknown scorer "${r.name}"; ${known(scorerNames())}`);
    return make();
  }
  const s = await loadExport(r, 'scorer');
  if (typeof s !== 'function') throw new RefError(`scorer ${ref}: expected a function (state, env) => Promise<Score>, got ${typeof s}`);
  return s as Scorer;
}

/**
 * Checks every Ref of a run before it starts (the CLI) and again when a phase is planned (the
 * worker): loads plugin files, so a typo costs a clear error, not a run of failed units.
 */
export async function checkRefs(refs: { suite: string; solvers: string[]; scorer?: string }): Promise<void> {
  const def = await resolveSuite(refs.suite);
  for (const s of refs.solvers) await resolveSolver(s, def);
  await resolveScorer(refs.scorer ?? def.scorer);
}

export { absoluteRef };

/**
 * A user's suite export: a TaskDef, an array of samples, or a function returning either. Samples
 * with `code` get the code defaults (baseline solver, exec-tests).
 */
async function asTaskDef(v: unknown, ref: string): Promise<TaskDef> {
  if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as TaskDef).samples === 'function') {
    const d = v as Partial<TaskDef> & Pick<TaskDef, 'samples'>;
    return { name: d.name ?? ref, description: d.description ?? ref, solver: d.solver ?? 'baseline', scorer: d.scorer ?? 'exec-tests', hardenable: d.hardenable ?? false, ...d } as TaskDef;
  }
  if (Array.isArray(v) || typeof v === 'function') {
    const get = async () => checkSamples(typeof v === 'function' ? await (v as () => unknown)() : v, ref);
    return { name: ref, description: ref, solver: 'baseline', scorer: 'exec-tests', hardenable: true, reference: (s) => s.code?.canonical_solution ?? s.target ?? '', samples: get };
  }
  throw new RefError(`suite ${ref}: expected a TaskDef ({name, samples(), solver, scorer}), an array of samples, or a function returning samples; got ${typeof v}`);
}

function checkSamples(v: unknown, ref: string): Sample[] {
  if (!Array.isArray(v)) throw new RefError(`suite ${ref}: expected an array of samples, got ${typeof v}`);
  return v.map((s, i) => {
    const o = s as Partial<Sample> & { task_id?: string };
    // A plain code task ({task_id, prompt, entry_point, canonical_solution, test_code}) is a sample too.
    if (typeof o.task_id === 'string' && typeof o.id !== 'string') return sampleFromTask({ format: 'instruct', ...(s as object) } as never);
    if (typeof o.id !== 'string' || typeof o.input !== 'string') throw new RefError(`suite ${ref}: sample [${i}] needs a string id and input`);
    return { metadata: {}, ...o } as Sample;
  });
}
