import { environmentRuntime } from '../environments';
import type { SandboxOptions } from './';

/**
 * Sandbox options for samples that run in a library environment: its interpreter, preloaded
 * modules and sample variables. Throws EnvironmentMissingError (naming `gauntlet env create`)
 * where the environment is not built.
 */
export function environmentSandboxOptions(environment: string): Pick<SandboxOptions, 'python' | 'extras'> {
  const rt = environmentRuntime(environment);
  return { python: rt.python, extras: { preload: rt.preload, serverEnv: rt.serverEnv, sampleEnv: rt.sampleEnv } };
}
