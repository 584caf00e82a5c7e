import { readFileSync } from 'node:fs';
import type { Task } from '../../../config/task';
import type { Sample } from '../../types';
import { readJsonlRecords, SuiteDataError } from '../read-data';
import { primaryDomain, readTask2Domain } from './domains';
import { knownIssues } from './known-issues';
import { BIGCODEBENCH_MEMORY_MB, BIGCODEBENCH_TIMEOUT_S } from './limits';
import type { BigCodeBenchFiles } from './locate';
import type { BigCodeBenchOptions } from './options';
import { calibrationPrefix, groundTruth, promptFor } from './prompts';
import { BigCodeBenchRecord, parseLibs } from './record';

export const DEFAULT_ENVIRONMENT = 'bigcodebench';

function hardIds(files: BigCodeBenchFiles): Set<string> | null {
  if (!files.hardIds) return null;
  try {
    const v = JSON.parse(readFileSync(files.hardIds, 'utf8')) as { task_ids?: unknown } | unknown[];
    const ids = Array.isArray(v) ? v : (v as { task_ids?: unknown }).task_ids;
    if (!Array.isArray(ids)) throw new Error('no task_ids list');
    return new Set(ids.map(String));
  } catch (e) {
    throw new SuiteDataError(`${files.hardIds}: ${(e as Error).message}; expected {"task_ids": ["BigCodeBench/13", ...]} or a JSON list`);
  }
}

/**
 * BigCodeBench tasks as samples, in file order. Each carries the split's prompt as its input, the
 * official ground truth as its canonical solution, its unittest tests, its libraries and domain,
 * the calibration prefix (when on) and the environment its code runs in.
 */
export async function loadBigCodeBench(suite: string, files: BigCodeBenchFiles, hard: boolean, o: BigCodeBenchOptions): Promise<Sample[]> {
  let rows = (await readJsonlRecords(BigCodeBenchRecord, files.data)).map((r) => r.record);
  if (hard) {
    const ids = hardIds(files);
    if (ids) rows = rows.filter((r) => ids.has(r.task_id));
    else if (!/Hard/i.test(files.data)) {
      throw new SuiteDataError(`suite ${suite}: ${files.data} is the full set and no hard_task_ids.json is beside it; put the Hard id list there or pass a BigCodeBench-Hard .jsonl.gz`);
    }
    if (rows.length === 0) throw new SuiteDataError(`suite ${suite}: none of the ids in ${files.hardIds} is in ${files.data}`);
  }
  const excluded = new Set([...(o.exclude ?? []).map((e) => e.task_id), ...(o.exclude_known_issues ? knownIssues().map((k) => k.task_id) : [])]);
  const domains = readTask2Domain(files.task2domain);
  const environment = o.environment ?? DEFAULT_ENVIRONMENT;
  return rows
    .filter((r) => !excluded.has(r.task_id))
    .map((r): Sample => {
      const libs = parseLibs(r.libs);
      const labels = domains.get(r.task_id) ?? [];
      const code: Task = {
        task_id: r.task_id,
        prompt: promptFor(r, o.split),
        entry_point: r.entry_point,
        canonical_solution: groundTruth(r),
        test_code: r.test,
        format: 'instruct',
        timeout_s: BIGCODEBENCH_TIMEOUT_S,
        memory_mb: BIGCODEBENCH_MEMORY_MB,
        test_harness: 'unittest',
        ...(primaryDomain(labels) ? { category: primaryDomain(labels) } : {}),
      };
      return {
        id: r.task_id,
        input: code.prompt,
        target: code.canonical_solution,
        metadata: {
          ...(code.category ? { category: code.category } : {}),
          libs,
          domains: [...new Set(labels)],
          split: o.split,
          // Solution length is half of the difficulty proxy the mini subset uses (analysis/subset.ts).
          solution_chars: r.canonical_solution.length,
          ...(o.calibrated ? { program_prefix: calibrationPrefix(r) } : {}),
        },
        code,
        sandbox: { environment },
      };
    });
}
