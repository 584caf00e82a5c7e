import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readResults } from '../../store/results';
import type { ChatModel } from '../chat';
import { ModelCallError } from '../types';

/**
 * `replay:<results.jsonl>`: answers recorded by an earlier run, looked up by task id and sample
 * index whatever the arm or phase was (the first recorded row with an answer wins). Re-scoring an
 * old run costs nothing and makes no call.
 */
export function replayModel(file: string): ChatModel {
  const abs = path.resolve(file);
  return {
    provider: 'replay',
    model: abs,
    cacheable: false,
    async complete(_req, ctx) {
      const answers = await loadAnswers(abs);
      const answer = answers.get(answerKey(ctx.task.task_id, ctx.sampleIndex));
      if (answer === undefined) {
        throw new ModelCallError(
          'fatal',
          `replay: ${abs} holds no recorded answer for task ${ctx.task.task_id} sample ${ctx.sampleIndex}; ` +
            `replay only the tasks and samples_per_task that run recorded (rows need the "answer" field)`,
          'replay',
        );
      }
      return { text: answer, tokens_in: 0, tokens_out: 0, stop_reason: 'replay' };
    },
  };
}

const answerKey = (taskId: string, sample: number) => `${taskId}\u241f${sample}`;

// One load per file version per worker process, shared by all concurrent units.
const loaded = new Map<string, { mtimeMs: number; answers: Promise<Map<string, string>> }>();

async function loadAnswers(file: string): Promise<Map<string, string>> {
  const mtimeMs = (await statOrFatal(file)).mtimeMs;
  const hit = loaded.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.answers;
  const answers = readResults(file).then(({ rows }) => {
    const m = new Map<string, string>();
    for (const r of rows) {
      const k = answerKey(r.task_id, r.sample);
      if (typeof r.answer === 'string' && !m.has(k)) m.set(k, r.answer);
    }
    return m;
  });
  loaded.set(file, { mtimeMs, answers });
  return answers;
}

export async function statOrFatal(file: string) {
  try {
    return await fs.stat(file);
  } catch {
    throw new ModelCallError('fatal', `replay: results file ${file} does not exist; give replay:<path to an earlier run's results.jsonl>`, 'replay');
  }
}
