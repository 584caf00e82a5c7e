import type { Sample, TaskState, Usage } from './types';

export function emptyUsage(): Usage {
  return { tokens_in: 0, tokens_out: 0, cost_usd: 0, calls: 0, cached: false };
}

/** The state a solver starts from: the sample's input as the one user message. */
export function initialState(sample: Sample, epoch: number): TaskState {
  return {
    sample,
    epoch,
    messages: [{ role: 'user', content: sample.input }],
    output: { completion: '' },
    usage: emptyUsage(),
    store: {},
  };
}
