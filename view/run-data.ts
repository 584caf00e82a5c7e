import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { unitKey, type ResultRow } from '../config/results';
import type { SuiteRef } from '../config/run-config';
import type { RunRecord } from '../config/run-record';
import type { Task } from '../config/task';
import { readPlan, type LoadedRun } from '../analysis/runs';
import { loadSamples } from '../eval/load';
import { extractCode } from '../eval/solvers/extract';
import { buildProgram } from '../eval/solvers/program';
import type { Sample } from '../eval/types';
import type { TaskMutation } from '../hardening/mutate';
import { readTaskMutation } from '../report/mutation';
import { readRunSideFiles, reportConfigOf, skippedLinesWarning, type RunSideFiles } from '../report/read-run-files';
import { summarizeRun } from '../report/summarize';
import type { RunSummary } from '../report/types';
import { RowIndex } from './row-index';

/**
 * One run as the viewer reads it: its rows through the byte-offset index, everything else through
 * the report's own readers, so the run page shows exactly what report.json says. Derived data is
 * cached until the rows change (or, for run.json and the crash log, for SIDE_TTL_MS).
 */

const SIDE_TTL_MS = 1000;

export interface UnitRef {
  phase: string;
  task_id: string;
  arm: string;
  sample: number;
}

export interface Timeline {
  /** ISO times of the points; one series of cumulative finished units per phase. */
  series: { phase: string; points: { t: string; done: number }[] }[];
  waits: { t: string; wait_s: number; provider: string; failure_class: string }[];
  crashes: { t: string; phase: string; attempt: number }[];
}

export interface SampleDetail {
  row: ResultRow;
  /** The suite's sample (prompt, tests), when the suite can be loaded here. */
  sample: Sample | null;
  sampleProblem: string | null;
  /** The program the tests ran, re-extracted from the answer as the scorer does. */
  program: string | null;
  /** Mutation phases: the task's surviving mutants as unified diffs of the canonical program. */
  survivors: { id: string; operator: string; description: string; line: number; diff: string }[] | null;
  transcript: { file: string; lines: unknown[] } | null;
}

const TIMELINE_POINTS = 150;

export class RunData {
  readonly index: RowIndex;
  private side: { at: number; files: RunSideFiles } | null = null;
  private summaryCache: { version: number; side: RunSideFiles; summary: RunSummary } | null = null;
  private timelineCache: { version: number; side: RunSideFiles; timeline: Timeline } | null = null;
  private static readonly suites = new Map<string, Promise<Map<string, Sample>>>();

  constructor(readonly dir: string) {
    this.index = new RowIndex(path.join(dir, 'results.jsonl'));
  }

  async refresh(): Promise<void> {
    const stale = !this.side || Date.now() - this.side.at > SIDE_TTL_MS;
    await Promise.all([this.index.refresh(), stale ? readRunSideFiles(this.dir).then((files) => (this.side = { at: Date.now(), files })) : null]);
  }

  private sideFiles(): RunSideFiles {
    if (!this.side) throw new Error(`run ${this.dir} was not read yet: call refresh() first`);
    return this.side.files;
  }

  get record(): RunRecord | null {
    return this.sideFiles().record;
  }

  /** report.json for the run as it is now (the same computation as writeReport). */
  summary(): RunSummary {
    const side = this.sideFiles();
    const c = this.summaryCache;
    if (c && c.version === this.index.version && c.side === side) return c.summary;
    const stats = this.index.stats();
    const warnings = [...side.warnings, ...(stats.skipped_lines > 0 ? [skippedLinesWarning(stats.skipped_lines)] : [])];
    const summary = summarizeRun({
      rows: this.index.rows(),
      record: side.record,
      crashes: side.crashes,
      mutation: side.mutation,
      config: reportConfigOf(side.record, this.index.meta),
      inputs: stats,
      warnings,
    });
    this.summaryCache = { version: this.index.version, side, summary };
    return summary;
  }

  /** Units finished over time per phase (from the rows' recorded_at), with waits and crashes to mark. */
  timeline(): Timeline {
    const side = this.sideFiles();
    const c = this.timelineCache;
    if (c && c.version === this.index.version && c.side === side) return c.timeline;
    const byPhase = new Map<string, number[]>();
    for (const e of this.index.entries()) {
      const t = Date.parse(e.row.recorded_at);
      if (!Number.isFinite(t)) continue;
      const list = byPhase.get(e.row.phase);
      if (list) list.push(t);
      else byPhase.set(e.row.phase, [t]);
    }
    const series = [...byPhase].map(([phase, ts]) => {
      ts.sort((a, b) => a - b);
      const step = Math.max(1, Math.ceil(ts.length / TIMELINE_POINTS));
      const points: { t: string; done: number }[] = [];
      for (let i = step - 1; i < ts.length; i += step) points.push({ t: new Date(ts[i]!).toISOString(), done: i + 1 });
      if (points[points.length - 1]?.done !== ts.length) points.push({ t: new Date(ts[ts.length - 1]!).toISOString(), done: ts.length });
      return { phase, points: [{ t: new Date(ts[0]!).toISOString(), done: 0 }, ...points] };
    });
    const timeline: Timeline = {
      series,
      waits: (side.record?.waits ?? []).map((w) => ({ t: w.started_at, wait_s: w.wait_s, provider: w.provider, failure_class: w.failure_class })),
      crashes: side.crashes.map((x) => ({ t: x.timestamp, phase: x.phase, attempt: x.attempt })),
    };
    this.timelineCache = { version: this.index.version, side, timeline };
    return timeline;
  }

  /** The run as analysis/ works on it (compare, slices), built from the index without a second read. */
  loaded(): LoadedRun {
    const results = { meta: this.index.meta, rows: this.index.rows(), skippedLines: this.index.stats().skipped_lines, duplicates: this.index.stats().duplicates };
    const record = this.record;
    return { dir: this.dir, run_id: record?.run_id ?? results.meta?.run_id ?? results.rows[0]?.run_id ?? path.basename(this.dir), record, results, plan: readPlan(record, results) };
  }

  /** The first row of a task in a phase and arm with the given status (any status when none has it). */
  firstRowOf(phase: string, arm: string, taskId: string, status?: string): ResultRow | undefined {
    let any: ResultRow | undefined;
    for (const e of this.index.entries()) {
      const r = e.row;
      if (r.phase !== phase || r.arm !== arm || r.task_id !== taskId) continue;
      if (!status || r.status === status) return r;
      any ??= r;
    }
    return any;
  }

  async sample(u: UnitRef): Promise<SampleDetail | null> {
    const entry = this.index.find(unitKey(u));
    if (!entry) return null;
    const row = (await this.index.fullRow(entry)) ?? entry.row;
    let sample: Sample | null = null;
    let sampleProblem: string | null = null;
    const ref = this.suiteOf(u.phase);
    if (!ref) sampleProblem = `run.json does not say which suite phase ${u.phase} ran`;
    else {
      try {
        sample = (await RunData.samplesOf(ref)).get(u.task_id) ?? null;
        if (!sample) sampleProblem = `suite ${ref.name}${ref.data ? ` (${ref.data})` : ''} has no sample ${u.task_id} any more`;
      } catch (e) {
        sampleProblem = `cannot load suite ${ref.name}${ref.data ? ` from ${ref.data}` : ''} here: ${(e as Error).message}`;
      }
    }
    const code = sample?.code;
    const mutation = this.phaseKind(u.phase) === 'mutation' ? await readTaskMutation(this.dir, u.phase, u.task_id) : null;
    return {
      row,
      sample,
      sampleProblem,
      program: code && row.answer !== undefined ? programOf(code, row.answer) : null,
      survivors: mutation ? survivorDiffs(mutation) : null,
      transcript: await this.transcriptOf(row),
    };
  }

  private phaseKind(phase: string): string | undefined {
    return this.record?.phases.find((p) => p.name === phase)?.kind ?? readPlan(this.record, { meta: this.index.meta }).find((p) => p.name === phase)?.kind;
  }

  private suiteOf(phase: string): SuiteRef | null {
    for (const raw of [this.record?.config, this.index.meta?.config]) {
      const cfg = raw && typeof raw === 'object' && 'config' in raw && !('phases' in raw) ? (raw as { config: unknown }).config : raw;
      const phases = (cfg as { phases?: { name?: unknown; suite?: SuiteRef }[] } | null)?.phases;
      const p = Array.isArray(phases) ? phases.find((x) => x?.name === phase) : undefined;
      if (p?.suite && typeof p.suite.name === 'string') return p.suite;
    }
    return null;
  }

  private static samplesOf(ref: SuiteRef): Promise<Map<string, Sample>> {
    const key = JSON.stringify([ref.name, ref.data ?? null, ref.options ?? null]);
    let p = RunData.suites.get(key);
    if (!p) {
      p = loadSamples(ref).then(({ samples }) => new Map(samples.map((s) => [s.id, s])));
      p.catch(() => RunData.suites.delete(key)); // a suite that failed to load is tried again next time
      RunData.suites.set(key, p);
    }
    return p;
  }

  /**
   * An agentic row's transcript: the file its scorer named in metadata (`episode` or
   * `transcript`), relative to the run directory; never a path outside it.
   */
  private async transcriptOf(row: ResultRow): Promise<SampleDetail['transcript']> {
    const ref = row.metadata?.episode ?? row.metadata?.transcript;
    if (typeof ref !== 'string') return null;
    const file = path.resolve(this.dir, ref);
    if (!file.startsWith(path.resolve(this.dir) + path.sep)) return null;
    const text = await fs.readFile(file, 'utf8').catch(() => null);
    if (text === null) return { file: ref, lines: [] };
    const lines = text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l) as unknown;
        } catch {
          return l;
        }
      });
    return { file: ref, lines };
  }
}

function programOf(task: Task, answer: string): string | null {
  const ex = extractCode(answer, task.entry_point);
  return ex.code === null ? null : buildProgram(task, ex.code);
}

/** Each surviving mutant as a diff of the canonical program: the line(s) it changed, with context. */
export function survivorDiffs(m: TaskMutation): NonNullable<SampleDetail['survivors']> {
  const lines = m.source.split('\n');
  return m.mutants
    .filter((x) => x.status === 'Survived')
    .map((x) => {
      // mutated_line is stored trimmed: give it back the original line's indentation.
      const indent = /^\s*/.exec(lines[x.start.line - 1] ?? '')![0];
      const mutated = [...lines.slice(0, x.start.line - 1), indent + x.mutated_line, ...lines.slice(x.end.line)].join('\n');
      const diff = createTwoFilesPatch(`${m.task_id} (canonical)`, `${x.id} (${x.operator})`, m.source, mutated, undefined, undefined, { context: 3 });
      return { id: x.id, operator: x.operator, description: x.description, line: x.start.line, diff };
    });
}
