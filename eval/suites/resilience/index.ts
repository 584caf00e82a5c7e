import type { TaskDef } from '../../types';
import { readResilience } from './files';

export { gradeResilience, resilienceGrader, type ResilienceGrade } from './grader';
export { partialFix, partials, RESILIENCE_DIR } from './files';

const SAMPLE_ID = 'resilience/cascading-bug-hunt';

/**
 * The cascading bug hunt: one agentic sample (the buggy streaming-sensor step in the prompt),
 * graded by replaying adversarial batches. Its `code` task carries the reference fix, so the
 * simulated API's scripted agents can submit it ({{task.canonical_solution}}).
 */
export const resilienceTaskDef: TaskDef = {
  name: 'resilience',
  description: 'Agentic: the cascading bug hunt (fix a buggy streaming-sensor process_batch over 3 tiers; tools python_expression, submit_code; partial credit per check)',
  // A benchmark phase on this suite is a one-shot attempt (code extracted from one answer); agentic phases run episodes.
  solver: 'baseline',
  scorer: 'resilience-grader',
  hardenable: false,
  reference: () => readResilience('reference.py'),
  agentic: { tools: ['python_expression', 'submit_code'], limits: { max_turns: 12, max_total_tokens: 200_000, wall_clock_s: 1800 } },
  async samples() {
    const input = readResilience('task.md').replace('{{pipeline}}', readResilience('pipeline.py').trimEnd());
    return [
      {
        id: SAMPLE_ID,
        input,
        metadata: { category: 'resilience' },
        code: { task_id: SAMPLE_ID, prompt: input, entry_point: 'process_batch', canonical_solution: readResilience('reference.py'), test_code: '# graded by suites/resilience/grader.py', format: 'instruct' },
      },
    ];
  },
};
