import type { Client } from '@temporalio/client';
import type { RunConfig } from '../config/run-config';
import { capabilityQueue, isNeed, type Need } from '../contract/capabilities';
import { describeNeed, howToServe, phaseNeeds } from '../eval/capabilities';
import { phaseKind } from '../eval/kinds';
import { resolveSuite } from '../eval/registry';
import { unpolledQueues, WORKER_WAIT_MS } from './task-queue-pollers';
import { CliError } from './errors';

/**
 * Before a run starts: for every phase whose units need a capability (an environment, a provider
 * key), some worker polls that capability's queue; else the run would wait forever for a worker
 * that can take them. The error names the phase, what is missing and the commands that serve it.
 */
export async function checkCapabilitiesServed(client: Client, taskQueue: string, config: RunConfig, graceMs = WORKER_WAIT_MS): Promise<void> {
  const wanted = new Map<string, { need: Need; phases: Set<string> }>();
  for (const phase of config.phases) {
    const kind = phaseKind(phase);
    if (kind.episodes) continue; // episodes are not routed (activities/plan-phase.ts)
    const task = await resolveSuite(phase.suite.name);
    for (const need of phaseNeeds(phase, task, kind.arms(phase)) ?? []) {
      if (!isNeed(need)) continue;
      const q = capabilityQueue(taskQueue, need);
      const w = wanted.get(q) ?? { need, phases: new Set<string>() };
      w.phases.add(phase.name);
      wanted.set(q, w);
    }
  }
  if (wanted.size === 0) return;
  const missing = await unpolledQueues(client, [...wanted.keys()], graceMs, (qs) =>
    process.stderr.write(`waiting up to ${graceMs / 1000} s for a worker polling ${qs.join(', ')}...\n`),
  );
  if (missing.length === 0) return;
  const lines = missing.map((q) => {
    const { need, phases } = wanted.get(q)!;
    return `  phase ${[...phases].join(', ')} needs ${describeNeed(need)}: no worker polls ${q}. On a machine that has it: ${howToServe(need, taskQueue)}`;
  });
  throw new CliError(`no worker can run some of this run's units (a worker prints its capabilities when it starts):\n${lines.join('\n')}`);
}
