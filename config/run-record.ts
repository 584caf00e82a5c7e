import { z } from 'zod';

/**
 * run.json and crash_log.json: what happened to a run, for `gauntlet status`, resume and the
 * Run Health section of the report. Written atomically by activities only.
 */

export const PHASE_STATES = ['pending', 'running', 'completed', 'failed', 'exhausted', 'budget', 'cancelled', 'fatal'] as const;
export type PhaseState = (typeof PHASE_STATES)[number];

export const PhaseRecordSchema = z.object({
  name: z.string(),
  kind: z.string(),
  state: z.enum(PHASE_STATES),
  /** Phase attempts made (the 3-strike rule counts these). */
  attempts: z.number().int().nonnegative().default(0),
  started_at: z.string().optional(),
  ended_at: z.string().optional(),
  units_total: z.number().int().nonnegative().optional(),
  /** Why the phase ended as it did (last failure message, exhaustion, budget...). */
  message: z.string().optional(),
});
export type PhaseRecord = z.infer<typeof PhaseRecordSchema>;

export const ResumeEventSchema = z.object({
  resumed: z.literal(true),
  resumed_at: z.string(),
  tasks_skipped: z.number().int().nonnegative(),
  tasks_remaining: z.number().int().nonnegative(),
  previous_crash_exit_code: z.number().int().nullable(),
  previous_workflow_id: z.string().optional(),
});
export type ResumeEvent = z.infer<typeof ResumeEventSchema>;

export const WaitEventSchema = z.object({
  phase: z.string(),
  provider: z.string(),
  failure_class: z.enum(['rate_limited', 'exhausted']),
  started_at: z.string(),
  wait_s: z.number().nonnegative(),
});
export type WaitEvent = z.infer<typeof WaitEventSchema>;

export const RunRecordSchema = z.object({
  run_id: z.string(),
  workflow_id: z.string(),
  output_dir: z.string(),
  config: z.unknown(),
  state: z.enum(['running', 'paused', 'completed', 'cancelled', 'failed', 'exhausted']),
  created_at: z.string(),
  updated_at: z.string(),
  ended_at: z.string().optional(),
  phases: z.array(PhaseRecordSchema),
  resume_events: z.array(ResumeEventSchema).default([]),
  waits: z.array(WaitEventSchema).default([]),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export const CrashEventSchema = z.object({
  timestamp: z.string(),
  phase: z.string(),
  attempt: z.number().int().positive(),
  exit_code: z.number().int(),
  duration_seconds: z.number().nonnegative(),
  stderr_tail: z.string(),
  tasks_completed_before_crash: z.number().int().nonnegative(),
  tasks_remaining: z.number().int().nonnegative(),
});
export type CrashEvent = z.infer<typeof CrashEventSchema>;
export const CrashLogSchema = z.array(CrashEventSchema);
