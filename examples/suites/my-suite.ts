import type { TaskDef } from '../../eval';
import { sampleFromTask } from '../../eval';

/**
 * A suite written in code: two instruct tasks with canonical solutions and tests, the defaults
 * of a code suite (baseline solver, exec-tests), and a category each for the report.
 *
 *   gauntlet run ./examples/suites/my-suite.ts#tasks --model reference --wait
 */
export const tasks: TaskDef = {
  name: 'my-suite',
  description: 'two example tasks',
  solver: 'baseline',
  scorer: 'exec-tests',
  hardenable: true,
  reference: (s) => s.code!.canonical_solution,
  async samples() {
    return [
      {
        task_id: 'my/add',
        prompt: 'Write add(a, b) that returns the sum of two numbers.',
        entry_point: 'add',
        canonical_solution: 'def add(a, b):\n    return a + b\n',
        test_code: 'assert add(1, 2) == 3\nassert add(-1, 1) == 0\n',
        format: 'instruct' as const,
        category: 'MATH',
      },
      {
        task_id: 'my/shout',
        prompt: 'Write shout(s) that returns s upper-cased with an exclamation mark appended.',
        entry_point: 'shout',
        canonical_solution: 'def shout(s):\n    return s.upper() + "!"\n',
        test_code: 'assert shout("hi") == "HI!"\nassert shout("") == "!"\n',
        format: 'instruct' as const,
        category: 'TEXT',
      },
    ].map(sampleFromTask);
  },
};
