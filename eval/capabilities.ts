import { parseModelSpec } from '../config/model-spec';
import type { Arm, Phase } from '../config/run-config';
import { capabilityQueue, isNeed, type Need } from '../contract/capabilities';
import { createCommand, environmentNames, environmentProblem } from '../environments';
import { PROVIDER_KEY_VARS, providersWithKeys } from '../models/provider-keys';
import { phaseEnvironment } from './environment';
import type { TaskDef } from './types';

/** What this machine can serve: the environments built here (and current), the providers whose key it holds. */
export interface Capabilities {
  environments: string[];
  providers: string[];
}

/** The arm's units' need: the phase's environment, and the arm's provider when it needs a key; null for none. */
export function armNeed(environment: string | undefined, arm: Arm): Need | null {
  const provider = parseModelSpec(arm.model).provider;
  const need: Need = { ...(environment ? { environment } : {}), ...(PROVIDER_KEY_VARS[provider] ? { provider } : {}) };
  return isNeed(need) ? need : null;
}

/** One need per arm of the phase (in kind.arms order), or null when no arm needs anything. */
export function phaseNeeds(phase: Pick<Phase, 'suite'>, task: Pick<TaskDef, 'sandbox'>, arms: readonly Arm[]): (Need | null)[] | null {
  const env = phaseEnvironment(phase, task);
  const needs = arms.map((a) => armNeed(env, a));
  return needs.some(isNeed) ? needs : null;
}

export function localCapabilities(env: NodeJS.ProcessEnv = process.env): Capabilities {
  const ready = (name: string) => {
    try {
      return environmentProblem(name) === null;
    } catch {
      return false;
    }
  };
  return { environments: environmentNames().filter(ready), providers: providersWithKeys(env) };
}

/** Every need a worker with these capabilities serves (each environment or none, with each provider or none), but the empty one. */
export function servedNeeds(c: Capabilities): Need[] {
  const out: Need[] = [];
  for (const environment of [undefined, ...c.environments])
    for (const provider of [undefined, ...c.providers]) if (environment || provider) out.push({ ...(environment ? { environment } : {}), ...(provider ? { provider } : {}) });
  return out;
}

/** The capability queues a worker on `taskQueue` polls besides it. */
export function servedQueues(taskQueue: string, c: Capabilities): string[] {
  return servedNeeds(c).map((n) => capabilityQueue(taskQueue, n));
}

/** "environments bigcodebench-ci; providers anthropic, openai" (the worker's startup line). */
export function describeCapabilities(c: Capabilities): string {
  return `environments ${c.environments.join(', ') || 'none'}; providers ${c.providers.join(', ') || 'none (no API keys)'}`;
}

/** "environment bigcodebench-ci and ANTHROPIC_API_KEY" */
export function describeNeed(n: Need): string {
  const parts = [n.environment ? `environment ${n.environment}` : null, n.provider ? (PROVIDER_KEY_VARS[n.provider] ?? [n.provider]).join(' or ') : null];
  return parts.filter(Boolean).join(' and ');
}

/** The commands that make a machine serve the need: build the environment, export the key, start a worker. */
export function howToServe(n: Need, taskQueue: string): string {
  const steps = [n.environment ? `\`${createCommand(n.environment)}\`` : null, n.provider ? `export ${(PROVIDER_KEY_VARS[n.provider] ?? [n.provider])[0]}=...` : null, `\`gauntlet worker --task-queue ${taskQueue}\``];
  return steps.filter(Boolean).join(', then ');
}
