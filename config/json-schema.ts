import { z } from 'zod';
import { RunConfigSchema } from './run-config';

/** The run configuration as JSON Schema (what a user writes: defaults are optional). */
export function runConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(RunConfigSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Gauntlet run configuration',
    description: 'A benchmark run: ordered phases (validate, mutation, benchmark), run-wide retry, backoff and report options.',
  };
}
