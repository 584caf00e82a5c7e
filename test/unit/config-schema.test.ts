import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runConfigJsonSchema } from '../../config/json-schema';
import { RunConfigSchema } from '../../config/run-config';

describe('run config JSON Schema', () => {
  it('the committed config/run-config.schema.json is current (regenerate with npm run schema)', () => {
    const committed = JSON.parse(readFileSync(fileURLToPath(new URL('../../config/run-config.schema.json', import.meta.url)), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(runConfigJsonSchema())));
  });

  it('describes phases, arms and the defaults users rely on', () => {
    const s = runConfigJsonSchema() as any;
    expect(s.required).toEqual(['phases']);
    const phase = s.properties.phases.items;
    expect(phase.properties.kind.enum).toEqual(['validate', 'mutation', 'benchmark', 'agentic']);
    expect(phase.properties.concurrency.default).toBe(8);
    expect(RunConfigSchema.parse({ phases: [{ name: 'b', kind: 'benchmark', suite: { name: 'custom' } }] }).retry.phase_max_attempts).toBe(3);
  });
});
