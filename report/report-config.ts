import { z } from 'zod';

/**
 * The slice of a run config the report needs: phase names, kinds, k values, arm names and the
 * strike limit. Parsed loosely on purpose: a report must still be written for an older run.json
 * or a config that no longer passes today's RunConfigSchema, so unknown fields are ignored and
 * every field is optional. A full RunConfig satisfies this type.
 */
export const ReportConfigSchema = z.object({
  phases: z
    .array(
      z.object({
        name: z.string(),
        kind: z.string().optional(),
        k: z.array(z.number().int().positive()).optional(),
        arms: z.array(z.object({ name: z.string() })).optional(),
        suite: z.object({ options: z.record(z.string(), z.unknown()).optional() }).optional(),
      }),
    )
    .default([]),
  retry: z.object({ phase_max_attempts: z.number().int().positive().optional() }).optional(),
});
export type ReportConfig = z.input<typeof ReportConfigSchema>;

/** Accepts a run config, a `{config}` run input, or anything else (→ null). */
export function parseReportConfig(raw: unknown): ReportConfig | null {
  const candidate = raw && typeof raw === 'object' && 'config' in raw && !('phases' in raw) ? (raw as { config: unknown }).config : raw;
  const parsed = ReportConfigSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
