import type { MutationTestResult, MutantResult as ReportMutant } from 'mutation-testing-report-schema';
import type { SuiteMutation } from './mutate';

/** Stryker's defaults: >= 80 is green, < 60 is red. */
export const DEFAULT_THRESHOLDS = { high: 80, low: 60 } as const;

/**
 * The suite's result in the mutation-testing-report-schema format (what Stryker writes and the
 * mutation-testing-elements HTML report reads). One "file" per task, keyed by task id, whose
 * source is the canonical program.
 */
export function toMutationReport(suite: SuiteMutation, meta: { suite: string; operators?: readonly string[] } = { suite: 'suite' }): MutationTestResult {
  const files: MutationTestResult['files'] = {};
  for (const t of suite.tasks) {
    files[t.task_id] = {
      language: 'python',
      source: t.source,
      mutants: t.mutants.map(
        (m): ReportMutant => ({
          id: m.id,
          mutatorName: m.operator,
          description: m.description,
          replacement: m.replacement,
          location: { start: m.start, end: m.end },
          status: m.status,
          ...(m.statusReason ? { statusReason: m.statusReason } : {}),
          ...(m.duration_ms !== undefined ? { duration: m.duration_ms } : {}),
        }),
      ),
    };
  }
  return {
    schemaVersion: '2',
    thresholds: { ...DEFAULT_THRESHOLDS },
    files,
    config: { suite: meta.suite, ...(meta.operators ? { operators: [...meta.operators] } : {}) },
    framework: { name: 'gauntlet mutate' },
  };
}
