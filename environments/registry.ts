import { BIGCODEBENCH_CI_ENV, BIGCODEBENCH_ENV } from './bigcodebench';
import type { EnvironmentSpec } from './types';

/** Every environment `gauntlet env create` knows, one line each. */
const SPECS: readonly EnvironmentSpec[] = [
  BIGCODEBENCH_ENV,
  BIGCODEBENCH_CI_ENV,
];

export const environmentNames = () => SPECS.map((s) => s.name);

export function environmentSpec(name: string): EnvironmentSpec {
  const s = SPECS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown environment "${name}"; known: ${environmentNames().join(', ')}`);
  return s;
}
