import { createRequire } from 'node:module';
import path from 'node:path';
import { cruise, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const RULES = require('../../.dependency-cruiser.cjs') as { forbidden: unknown[] };
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/layering');

async function violations(dirs: string[], baseDir: string): Promise<string[]> {
  const out: IReporterOutput = await cruise(dirs, { baseDir, validate: true, ruleSet: { forbidden: RULES.forbidden } as never, tsPreCompilationDeps: true, doNotFollow: { path: 'node_modules' } });
  const result = out.output as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

/**
 * The layering rules (npm run lint:deps, part of npm test) must refuse what DESIGN.md forbids:
 * checked on a small tree shaped like the repo, so the rules are known to bite.
 */
describe('layering rules', () => {
  it('refuse a workflow importing an activity as a value, and the core importing an adapter; allow a type-only import', async () => {
    expect(await violations(['workflows', 'eval', 'activities'], FIXTURE)).toEqual([
      'libraries-do-not-import-adapters: eval/solver.ts -> activities/index.ts',
      'workflows-import-activities-as-types-only: workflows/bad.ts -> activities/index.ts',
    ]);
  });
});
