/**
 * The model layer: providers behind one ChatModel interface, failure classification, the
 * response cache and cost. Solvers reach it only through the `generate` the core hands them
 * (eval/generate.ts).
 */
export * from './types';
export * from './chat';
export { callModel } from './call';
export { checkArmReady, resolveModel } from './providers';
