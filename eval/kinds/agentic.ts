import { samplesPerTask } from '../../config/run-config';
import type { PhaseKind } from './types';

/**
 * Agentic: each unit is one multi-turn episode with tools, run as its own child workflow
 * (workflows/episode.ts) so that every model turn and tool call is a durable step. `evaluate`
 * is never called: run-phase starts the episode workflow for units of plans with `episodes`.
 */
export const agentic: PhaseKind = {
  name: 'agentic',
  canonical: false,
  episodes: true,
  arms: (phase) => phase.arms,
  samplesPerTask,
  // One model turn or one tool call: the episode's wall clock is its own limit.
  unitTimeoutS: (phase) => phase.timeouts.unit_s,
  batchable: () => false,
  async evaluate() {
    throw new Error('agentic units run as episode workflows (workflows/episode.ts), not through runUnit; this worker or its workflow bundle is out of date');
  },
};
