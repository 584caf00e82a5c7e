import { promises as fs } from 'node:fs';
import path from 'node:path';
import { metrics, metricsByOperator, type Metrics } from '../hardening/score';
import type { MutantResult, TaskMutation } from '../hardening/mutate';
import { mutationDirOf, mutationTaskFile } from '../hardening/run-files';

/**
 * A mutation phase as reports show it: the suite's mutation score, per operator, and the mutants
 * that survived (each one a missing test). Read from the per-task results the phase keeps beside
 * the run (`mutation/<phase>/tasks/*.json`), which exist while the phase runs, not only at its end.
 */

export interface OperatorScore {
  operator: string;
  valid: number;
  detected: number;
  survived: number;
  /** detected / valid (0..1); null when no mutant of this operator is valid. */
  score: number | null;
}

export interface SurvivingMutant {
  task_id: string;
  id: string;
  operator: string;
  description: string;
  line: number;
  original: string;
  replacement: string;
  mutated_line: string;
}

export interface MutationSummary {
  tasks: number;
  /** Tasks whose canonical solution fails its own tests: none of their mutants can be judged. */
  canonical_failed: string[];
  mutants: number;
  valid: number;
  detected: number;
  survived: number;
  timeout: number;
  compile_errors: number;
  runtime_errors: number;
  ignored: number;
  /** detected / valid over the whole phase (0..1); null with no valid mutant. */
  score: number | null;
  by_operator: OperatorScore[];
  /** In task order, then source order. */
  survivors: SurvivingMutant[];
}


/** One task's mutation result; null when the phase has not reached it (or the file is unreadable). */
export async function readTaskMutation(outputDir: string, phase: string, taskId: string): Promise<TaskMutation | null> {
  try {
    return JSON.parse(await fs.readFile(mutationTaskFile(outputDir, phase, taskId), 'utf8')) as TaskMutation;
  } catch {
    return null;
  }
}

/** null when the phase has no per-task results yet. Unreadable files are skipped and counted in `warnings`. */
export async function readMutationSummary(outputDir: string, phase: string, warnings: string[] = []): Promise<MutationSummary | null> {
  const dir = path.join(mutationDirOf(outputDir, phase), 'tasks');
  const files = (await fs.readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) return null;
  const tasks: TaskMutation[] = [];
  for (const f of files) {
    try {
      tasks.push(JSON.parse(await fs.readFile(path.join(dir, f), 'utf8')) as TaskMutation);
    } catch (e) {
      warnings.push(`mutation/${phase}/tasks/${f}: cannot be read (${(e as Error).message}); left out of the mutation score`);
    }
  }
  return summarizeMutation(tasks);
}

/** Pure: the phase summary from per-task results. */
export function summarizeMutation(tasks: readonly TaskMutation[]): MutationSummary {
  const all: MutantResult[] = tasks.flatMap((t) => (t.status === 'tested' ? t.mutants : []));
  const m: Metrics = metrics(all.map((x) => x.status));
  const byOp = metricsByOperator(all);
  return {
    tasks: tasks.length,
    canonical_failed: tasks.filter((t) => t.status === 'canonical-failed').map((t) => t.task_id),
    mutants: m.total,
    valid: m.valid,
    detected: m.detected,
    survived: m.Survived,
    timeout: m.Timeout,
    compile_errors: m.CompileError,
    runtime_errors: m.RuntimeError,
    ignored: m.Ignored,
    score: m.score === null ? null : m.score / 100,
    by_operator: Object.entries(byOp)
      .map(([operator, om]) => ({ operator, valid: om!.valid, detected: om!.detected, survived: om!.Survived, score: om!.score === null ? null : om!.score / 100 }))
      .sort((a, b) => (a.score ?? 2) - (b.score ?? 2) || a.operator.localeCompare(b.operator)),
    survivors: tasks.flatMap((t) =>
      t.mutants
        .filter((x) => x.status === 'Survived')
        .map((x) => ({ task_id: t.task_id, id: x.id, operator: x.operator, description: x.description, line: x.start.line, original: x.original, replacement: x.replacement, mutated_line: x.mutated_line })),
    ),
  };
}
