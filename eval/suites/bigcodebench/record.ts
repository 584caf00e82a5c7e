import { z } from 'zod';

/** One task of BigCodeBench's Hugging Face layout (all values strings; see datasets/bigcodebench/SOURCE.md). */
export const BigCodeBenchRecord = z.object({
  task_id: z.string().min(1),
  complete_prompt: z.string().min(1),
  instruct_prompt: z.string().min(1),
  canonical_solution: z.string(),
  code_prompt: z.string().min(1),
  test: z.string().regex(/\bclass\s+TestCases\b/, 'test must define class TestCases (a unittest.TestCase), which BigCodeBench runs'),
  entry_point: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/),
  libs: z.string(),
  doc_struct: z.string().optional(),
});
export type BigCodeBenchRecord = z.infer<typeof BigCodeBenchRecord>;

/** `libs` is a Python list literal of strings ("['random', 'itertools']"). */
export function parseLibs(libs: string): string[] {
  const inner = libs.trim().replace(/^\[/, '').replace(/\]$/, '');
  if (!inner.trim()) return [];
  return inner.split(',').map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
}
