import { createSandbox, type IsolationMode, type Sandbox } from './';

/**
 * One sandbox per worker process, shared by all concurrent activities (the fork server answers
 * many requests at once). Mode from $GAUNTLET_SANDBOX_MODE (fork-server | fresh).
 */
let shared: Sandbox | null = null;

export function sharedSandbox(): Sandbox {
  if (!shared) {
    const mode = (process.env.GAUNTLET_SANDBOX_MODE as IsolationMode | undefined) ?? 'fork-server';
    if (mode !== 'fork-server' && mode !== 'fresh') throw new Error(`GAUNTLET_SANDBOX_MODE=${mode}: expected fork-server or fresh`);
    shared = createSandbox({ mode });
  }
  return shared;
}

export async function closeSharedSandbox(): Promise<void> {
  const s = shared;
  shared = null;
  await s?.close();
}
