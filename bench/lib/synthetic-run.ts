import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ResultRow } from '../../config/results';
import type { RunRecord } from '../../config/run-record';

/**
 * A synthetic finished run of `rows` result rows (a validate phase and a 3-arm x 10-sample
 * benchmark phase, ~1 KB per row like real answers), written as results.jsonl + run.json: the
 * shared input of the report and viewer benches.
 */

const ARMS = ['claude', 'gpt', 'local'];
const SAMPLES = 10;
const ANSWER = 'def solution(xs):\n    return sorted(set(xs))\n'.repeat(12); // ~550 chars, like a real answer

/** Deterministic pseudo-random in [0, 100) from a few integers (no Math.random: reproducible figures). */
const hash = (...xs: number[]) => xs.reduce((h, x) => Math.imul(h ^ x, 2654435761) >>> 0, 2166136261) % 100;

/** A validate phase (reference arm, one sample per task) and a benchmark phase (3 arms x 10 samples). */
function syntheticRows(count: number): ResultRow[] {
  const rows: ResultRow[] = [];
  const validateTasks = Math.max(1, Math.round(count / 100));
  const benchTasks = Math.ceil((count - validateTasks) / (ARMS.length * SAMPLES));
  const add = (phase: string, arm: string, task: number, sample: number, passPct: number) => {
    if (rows.length >= count) return;
    const r = hash(task, sample, arm.length);
    const status = r < 5 ? 'error' : hash(task, sample, arm.length, 7) < passPct ? 'passed' : 'failed';
    rows.push({
      run_id: 'bench',
      phase,
      task_id: `HumanEval/${task}`,
      arm,
      sample,
      status,
      score: status === 'passed' ? 1 : status === 'failed' ? 0 : null,
      duration_ms: 100 + r * 13,
      tokens_in: 300 + r,
      tokens_out: 150 + r,
      cost_usd: 0.0012,
      reason: status === 'failed' ? ['assertion', 'timeout', 'no_code', 'syntax_error'][r % 4] : undefined,
      error_kind: status === 'error' ? 'api_5xx' : undefined,
      answer: ANSWER,
      answer_tail: ANSWER.slice(-200),
      stderr_tail: status === 'failed' ? 'AssertionError: expected [1, 2] got [2, 1]' : undefined,
      recorded_at: new Date(Date.UTC(2025, 0, 1) + rows.length * 250).toISOString(),
    });
  };
  for (let t = 0; t < validateTasks; t++) add('validate', 'reference', t, 0, 98);
  for (let t = 0; t < benchTasks; t++)
    for (const arm of ARMS) for (let s = 0; s < SAMPLES; s++) add('bench', arm, t, s, hash(t) * (arm === 'local' ? 0.5 : 1)); // per-task difficulty
  return rows;
}

export async function writeSyntheticRun(dir: string, count: number): Promise<{ file: string; rows: ResultRow[]; mb: number }> {
  const rows = syntheticRows(count);
  const file = path.join(dir, 'results.jsonl');
  await fs.writeFile(file, [JSON.stringify({ meta: { run_id: 'bench', started_at: '2025-01-01T00:00:00Z', config: {} } }), ...rows.map((r) => JSON.stringify(r))].join('\n') + '\n');
  const record: RunRecord = {
    run_id: 'bench',
    workflow_id: 'wf-bench',
    output_dir: dir,
    config: {
      phases: [
        { name: 'validate', kind: 'validate', k: [1], arms: [{ name: 'reference' }] },
        { name: 'bench', kind: 'benchmark', k: [1, 5, 10], arms: ARMS.map((name) => ({ name })) },
      ],
    },
    state: 'completed',
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-02T00:00:00Z',
    ended_at: '2025-01-02T00:00:00Z',
    phases: [
      { name: 'validate', kind: 'validate', state: 'completed', attempts: 1, units_total: rows.filter((r) => r.phase === 'validate').length },
      { name: 'bench', kind: 'benchmark', state: 'completed', attempts: 1, units_total: rows.filter((r) => r.phase === 'bench').length },
    ],
    resume_events: [],
    waits: [],
  };
  await fs.writeFile(path.join(dir, 'run.json'), JSON.stringify(record));
  return { file, rows, mb: (await fs.stat(file)).size / 1e6 };
}
