import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ResultRow } from '../config/results';
import { formatZodError } from '../config/run-config';
import { CrashEventSchema, RunRecordSchema, type CrashEvent, type RunRecord } from '../config/run-record';
import { readResults, type ResultsMeta } from '../store/results';
import { readMutationSummary, type MutationSummary } from './mutation';
import { parseReportConfig, type ReportConfig } from './report-config';

export interface RunFiles extends RunSideFiles {
  rows: ResultRow[];
  config: ReportConfig | null;
  skipped_lines: number;
  duplicates: number;
}

/** Everything of a run's files but its rows: what a reader that indexes results.jsonl itself needs too. */
export interface RunSideFiles {
  record: RunRecord | null;
  crashes: CrashEvent[];
  /** Mutation phases' scores, per operator and survivors, by phase name (phases with results only). */
  mutation: Record<string, MutationSummary>;
  /** Problems that did not stop the report (unreadable run.json, invalid crash entries...). */
  warnings: string[];
}

/**
 * Reads results.jsonl, run.json and crash_log.json of an output directory. Each may be missing or
 * damaged: the report of a half-broken run is exactly when a report is needed, so problems become
 * warnings in the report instead of exceptions.
 */
export async function readRunFiles(outputDir: string): Promise<RunFiles> {
  const [results, side] = await Promise.all([readResults(path.join(outputDir, 'results.jsonl'), { withoutAnswers: true }), readRunSideFiles(outputDir)]);
  const warnings = [...side.warnings];
  if (results.skippedLines > 0) warnings.push(skippedLinesWarning(results.skippedLines));
  return {
    ...side,
    rows: results.rows,
    config: reportConfigOf(side.record, results.meta),
    skipped_lines: results.skippedLines,
    duplicates: results.duplicates,
    warnings,
  };
}

export const skippedLinesWarning = (n: number) => `results.jsonl: ${n} line(s) were not valid rows (a torn last line after a kill?) and were skipped`;

/** The config the report reads: run.json's, else the one in the results meta line. */
export function reportConfigOf(record: RunRecord | null, meta: ResultsMeta | null): ReportConfig | null {
  return parseReportConfig(record?.config) ?? parseReportConfig(meta?.config);
}

/** run.json, crash_log.json and the mutation phases' per-task results; each may be missing or damaged. */
export async function readRunSideFiles(outputDir: string): Promise<RunSideFiles> {
  const warnings: string[] = [];
  const [rawRecord, rawCrashes] = await Promise.all([readJsonFile(path.join(outputDir, 'run.json'), warnings), readJsonFile(path.join(outputDir, 'crash_log.json'), warnings)]);

  let record: RunRecord | null = null;
  if (rawRecord !== undefined) {
    const parsed = RunRecordSchema.safeParse(rawRecord);
    if (parsed.success) record = parsed.data;
    else warnings.push(formatZodError(parsed.error, 'run.json (Run Health and phase states are missing from this report)'));
  }

  const crashes: CrashEvent[] = [];
  if (rawCrashes !== undefined) {
    if (!Array.isArray(rawCrashes)) warnings.push('crash_log.json: expected a JSON array of crash events; ignored');
    else
      rawCrashes.forEach((entry, i) => {
        const parsed = CrashEventSchema.safeParse(entry);
        if (parsed.success) crashes.push(parsed.data);
        else warnings.push(formatZodError(parsed.error, `crash_log.json[${i}] (entry skipped)`));
      });
  }

  const mutation: Record<string, MutationSummary> = {};
  for (const p of record?.phases ?? []) {
    if (p.kind !== 'mutation') continue;
    const m = await readMutationSummary(outputDir, p.name, warnings);
    if (m) mutation[p.name] = m;
  }
  return { record, crashes, mutation, warnings };
}

/** undefined when the file is missing or unreadable (then a warning says why). */
async function readJsonFile(file: string, warnings: string[]): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') warnings.push(`${path.basename(file)}: cannot be read (${(e as Error).message})`);
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    warnings.push(`${path.basename(file)}: not valid JSON (${(e as Error).message}); ignored`);
    return undefined;
  }
}
