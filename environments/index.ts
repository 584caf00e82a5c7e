export type { EnvironmentSpec, EnvironmentRecord, EnvironmentRuntime } from './types';
export { EnvironmentMissingError, EnvironmentBuildError } from './errors';
export { envRoot, envDir } from './paths';
export { environmentNames, environmentSpec } from './registry';
export { createEnvironment, type CreateOptions, type CreateResult } from './create';
export { checkEnvironment, type EnvironmentCheck } from './check';
export { environmentProblem, environmentRuntime, createCommand } from './ready';
export { readRecord } from './record';
export { findPython } from './python';
