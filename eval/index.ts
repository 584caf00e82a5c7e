/**
 * The evaluation core's public surface: what a plugin solver, scorer or suite imports. A plugin
 * is a module export named by a Ref (`./my-solver.ts#minds`); see README "Write your own solver /
 * scorer / suite" and examples/.
 */
export type { Generate, GenerateOptions, LoadOptions, Sample, SampleMetadata, Score, Scorer, ScorerEnv, Solver, SolverEnv, SolverOutput, TaskDef, TaskState, Usage } from './types';
export type { Task } from '../config/task';
export type { ChatMessage, ContentPart, ToolCall, ToolChoice, ToolDef } from '../models/chat';
export { assistantMessage } from '../models/chat';
export { SandboxError } from './errors';
export { initialState } from './state';
export { baseline, extractProgram } from './solvers/baseline';
export { DEFAULT_SYSTEM_PROMPT, userPrompt } from './solvers/prompts';
export { execTests } from './scorers/exec-tests';
export { sampleFromTask } from './suites/code-suite';
export { buildTestProgram } from '../sandbox/program';
