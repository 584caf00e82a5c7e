import { validateTask } from '../../hardening';
import { sharedSandbox } from '../../sandbox/pool';
import { sampleEnvironment } from '../environment';
import { SandboxError } from '../errors';
import { CANONICAL_ARM, codeOf } from './canonical';
import type { PhaseKind } from './types';

/** Validate: the canonical solution against its tests, 3 times; flaky counts as failed. */
export const validate: PhaseKind = {
  name: 'validate',
  canonical: true,
  arms: () => [CANONICAL_ARM],
  samplesPerTask: () => 1,
  unitTimeoutS: (phase) => phase.timeouts.unit_s,
  batchable: () => true,
  async evaluate(u, env) {
    const v = await validateTask(codeOf(u, 'validate'), { sandbox: sharedSandbox(sampleEnvironment(u.sample, env.task)), repeats: 3 });
    if (v.status === 'error') throw new SandboxError(v.detail ?? 'the sandbox broke while validating');
    return {
      status: v.status === 'passed' ? 'passed' : 'failed',
      score: v.status === 'passed' ? 1 : 0,
      reason: v.status === 'passed' ? undefined : `${v.status}: ${v.outcomes.join(',')}`,
      stderr_tail: v.detail,
      ...(u.sample.metadata.category ? { category: u.sample.metadata.category } : {}),
    };
  },
};
