import { createSandbox, type IsolationMode, type Sandbox } from './';
import { environmentSandboxOptions } from './environment';

/**
 * One sandbox per worker process and environment, shared by all concurrent activities (the fork
 * server answers many requests at once). Without an environment: the worker's own Python. With
 * one (a suite's TaskDef.sandbox.environment): that environment's interpreter, its preloaded
 * libraries and sample variables; a worker where it is not built throws EnvironmentMissingError
 * naming the `gauntlet env create` command. Mode from $GAUNTLET_SANDBOX_MODE (fork-server | fresh).
 */
const shared = new Map<string, Sandbox>();

export function sharedSandbox(environment?: string): Sandbox {
  const key = environment ?? '';
  let s = shared.get(key);
  if (!s) {
    const mode = (process.env.GAUNTLET_SANDBOX_MODE as IsolationMode | undefined) ?? 'fork-server';
    if (mode !== 'fork-server' && mode !== 'fresh') throw new Error(`GAUNTLET_SANDBOX_MODE=${mode}: expected fork-server or fresh`);
    s = createSandbox({ mode, ...(environment ? environmentSandboxOptions(environment) : {}) });
    shared.set(key, s);
  }
  return s;
}

export async function closeSharedSandbox(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  await Promise.all(all.map((s) => s.close()));
}
