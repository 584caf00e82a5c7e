import { PhaseSchema } from '../../config/run-config';
import type { Task } from '../../config/task';
import { sandboxTimeoutMs } from '../../eval/sandbox-timeout';
import { execTests } from '../../eval/scorers';
import { sampleFromTask } from '../../eval/suites/code-suite';
import type { Score } from '../../eval/types';
import type { Sandbox } from '../../sandbox';

/** A benchmark phase of `suite` with every default (no sandbox_s override). */
const phaseOf = (suite: string) => PhaseSchema.parse({ name: 'benchmark', kind: 'benchmark', suite: { name: suite } });

/** Scores one program as a benchmark unit does: the exec-tests scorer, the phase's sandbox timeout rule, the task's limits. */
export function scoreProgram(sandbox: Sandbox, suite: string, task: Task, program: string): Promise<Score> {
  const phase = phaseOf(suite);
  return execTests()(
    {
      sample: sampleFromTask(task),
      epoch: 0,
      messages: [],
      output: { completion: '', program },
      usage: { tokens_in: 0, tokens_out: 0, cost_usd: 0, calls: 0, cached: false },
      store: {},
    },
    { sandbox: () => sandbox, sandboxTimeoutMs: (t) => sandboxTimeoutMs(phase, t), heartbeat: () => undefined },
  );
}
