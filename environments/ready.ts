import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { sha256 } from './create';
import { EnvironmentMissingError } from './errors';
import { envDir, envMplConfig } from './paths';
import { readRecord } from './record';
import { environmentSpec } from './registry';
import type { EnvironmentRuntime } from './types';

/** The command that builds an environment, as every "missing" message gives it. */
export const createCommand = (name: string) => `gauntlet env create ${name}`;

/** Why the environment cannot be used here, or null when it is ready (built from the current requirements file). */
export function environmentProblem(name: string): string | null {
  const spec = environmentSpec(name);
  const rec = readRecord(name);
  if (!rec) return `environment "${name}" is not built on ${os.hostname()} (nothing at ${envDir(name)}): run \`${createCommand(name)}\``;
  if (!existsSync(rec.python)) return `environment "${name}" on ${os.hostname()} has lost its interpreter ${rec.python}: run \`${createCommand(name)} --force\``;
  if (rec.requirements_sha256 !== sha256(readFileSync(spec.requirements, 'utf8'))) {
    return `environment "${name}" on ${os.hostname()} was built from an older ${spec.requirements}: run \`${createCommand(name)}\` to update it`;
  }
  return null;
}

/** What a sandbox needs to run samples in a ready environment; EnvironmentMissingError (with the fix) otherwise. */
export function environmentRuntime(name: string): EnvironmentRuntime {
  let problem: string | null;
  try {
    problem = environmentProblem(name);
  } catch (e) {
    throw new EnvironmentMissingError(name, (e as Error).message);
  }
  if (problem) throw new EnvironmentMissingError(name, problem);
  const spec = environmentSpec(name);
  const rec = readRecord(name)!;
  const mpl = { MPLCONFIGDIR: envMplConfig(name) };
  return { name, python: rec.python, preload: spec.preload, sampleEnv: { ...spec.sampleEnv, ...mpl }, serverEnv: { ...spec.sampleEnv, ...mpl } };
}
