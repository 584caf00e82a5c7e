import { agenticSummary } from './agentic';
import { phaseArmNames } from '../config/run-config';
import { rowCategory, type ResultRow } from '../config/results';
import type { CrashEvent, PhaseRecord, RunRecord } from '../config/run-record';
import { categoryAverages, pairedComparisons } from './category-stats';
import { DEFAULT_STRIKE_LIMIT, computeHealth } from './health';
import { estimatePassAtK, wilsonInterval, type TaskCounts } from './pass-at-k';
import type { MutationSummary } from './mutation';
import { parseReportConfig, type ReportConfig } from './report-config';
import { REPORT_SCHEMA_VERSION, type ArmSummary, type CategorySummary, type Counts, type PhaseSummary, type RunSummary } from './types';

export interface SummarizeInput {
  /** Result rows, one per unit key (readResults collapses duplicates). */
  rows: readonly ResultRow[];
  record: RunRecord | null;
  crashes: readonly CrashEvent[];
  /** Mutation phases' summaries by phase name (report/mutation.ts). */
  mutation?: Readonly<Record<string, MutationSummary>>;
  /** Defaults to the config inside run.json. */
  config?: ReportConfig | null;
  /** Clock for generated_at (tests pass a fixed one). */
  now?: Date;
  /** Read statistics to carry into report.json. */
  inputs?: { skipped_lines: number; duplicates: number };
  warnings?: readonly string[];
  /** Forces the partial banner, e.g. when the caller knows the run was cancelled before run.json says so. */
  partialReason?: string;
}

/** The phase config's `suite.options.exclude` ([{task_id, why}]): tasks the run left out on purpose. */
function excludedOf(cfg: { suite?: { options?: Record<string, unknown> } } | undefined): Pick<PhaseSummary, 'excluded'> {
  const ex = cfg?.suite?.options?.exclude;
  if (!Array.isArray(ex) || ex.length === 0) return {};
  return { excluded: ex.filter((e): e is { task_id: string; why?: string } => !!e && typeof (e as { task_id?: unknown }).task_id === 'string').map((e) => ({ task_id: e.task_id, ...(typeof e.why === 'string' ? { why: e.why } : {}) })) };
}

/** Running totals of one (phase, arm), filled in one pass over the rows. */
interface ArmAcc {
  arm: string;
  done: number;
  passed: number;
  failed: number;
  errors: number;
  tokens_in: number;
  tokens_out: number;
  cost_usd: number;
  duration_ms: number;
  score_sum: number;
  scores: number;
  error_kinds: Counts;
  failure_reasons: Counts;
  error_tasks: Set<string>;
  failed_tasks: Set<string>;
  /** task_id -> scored samples; error rows are not samples. */
  tasks: Map<string, TaskCounts>;
  /** category -> outcomes, for rows that carry one. */
  categories: Map<string, { passed: number; failed: number; errors: number }>;
}

const UNFINISHED_PHASE_STATES = new Set(['pending', 'running', 'cancelled']);

/** Computes report.json from the rows, the run record and the crash log. Pure: no I/O. */
export function summarizeRun(input: SummarizeInput): RunSummary {
  const { rows, record, crashes } = input;
  const config = input.config !== undefined ? input.config : parseReportConfig(record?.config);
  const configPhases = new Map((config?.phases ?? []).map((p) => [p.name, p]));
  const recordPhases = new Map((record?.phases ?? []).map((p) => [p.name, p]));

  // Phase and arm order: as the run defines them, then anything only the rows know about.
  const byPhase = new Map<string, Map<string, ArmAcc>>();
  const phaseOf = (name: string) => {
    let arms = byPhase.get(name);
    if (!arms) byPhase.set(name, (arms = new Map()));
    return arms;
  };
  for (const p of record?.phases ?? []) phaseOf(p.name);
  for (const p of config?.phases ?? []) for (const a of phaseArmNames(p)) armOf(phaseOf(p.name), a);

  const rowsOf = new Map<string, Map<string, ResultRow[]>>();
  for (const r of rows) {
    addRow(armOf(phaseOf(r.phase), r.arm), r);
    let byArm = rowsOf.get(r.phase);
    if (!byArm) rowsOf.set(r.phase, (byArm = new Map()));
    let list = byArm.get(r.arm);
    if (!list) byArm.set(r.arm, (list = []));
    list.push(r);
  }

  const phases: PhaseSummary[] = [];
  const totals = { done: 0, passed: 0, failed: 0, errors: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0 };
  for (const [name, arms] of byPhase) {
    const rec = recordPhases.get(name);
    const cfg = configPhases.get(name);
    const k = cfg?.k?.length ? [...cfg.k] : [1];
    const unitsTotal = rec?.units_total ?? null;
    const configuredArms = cfg ? phaseArmNames(cfg).length : 0;
    const perArmTotal = unitsTotal !== null && configuredArms > 0 && unitsTotal % configuredArms === 0 ? unitsTotal / configuredArms : null;
    const armSummaries = [...arms.values()].map((acc) => finishArm(acc, k, perArmTotal));
    for (const a of armSummaries) {
      totals.done += a.done;
      totals.passed += a.passed;
      totals.failed += a.failed;
      totals.errors += a.errors;
      totals.tokens_in += a.tokens_in;
      totals.tokens_out += a.tokens_out;
      totals.cost_usd += a.cost_usd;
    }
    const categories = categoryTable([...arms.values()]);
    const armNames = [...arms.keys()];
    phases.push({
      name,
      kind: rec?.kind ?? cfg?.kind ?? 'unknown',
      state: rec?.state ?? null,
      attempts: rec?.attempts ?? 0,
      units_total: unitsTotal,
      started_at: rec?.started_at ?? null,
      ended_at: rec?.ended_at ?? null,
      message: rec?.message ?? null,
      k,
      ...excludedOf(cfg),
      arms: armSummaries,
      categories,
      category_averages: categoryAverages(armNames, categories),
      ...((rec?.kind ?? cfg?.kind) === 'agentic' ? { agentic: agenticSummary(rowsOf.get(name) ?? new Map()) } : {}),
      comparisons: armNames.length > 1 ? pairedComparisons(armNames, rowsOf.get(name) ?? new Map(), categories.map((c) => c.category)) : [],
      mutation: input.mutation?.[name] ?? null,
    });
  }

  const partialReason = input.partialReason ?? detectPartial(record);
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    run_id: record?.run_id ?? rows[0]?.run_id ?? null,
    workflow_id: record?.workflow_id ?? null,
    state: record?.state ?? null,
    created_at: record?.created_at ?? null,
    ended_at: record?.ended_at ?? null,
    generated_at: (input.now ?? new Date()).toISOString(),
    partial: partialReason !== null,
    partial_reason: partialReason,
    totals,
    phases,
    health: computeHealth(record, crashes, config?.retry?.phase_max_attempts ?? DEFAULT_STRIKE_LIMIT),
    inputs: { rows: rows.length, skipped_lines: input.inputs?.skipped_lines ?? 0, duplicates: input.inputs?.duplicates ?? 0 },
    warnings: [...(input.warnings ?? [])],
  };
}

function armOf(arms: Map<string, ArmAcc>, arm: string): ArmAcc {
  let acc = arms.get(arm);
  if (!acc) {
    acc = { arm, done: 0, passed: 0, failed: 0, errors: 0, tokens_in: 0, tokens_out: 0, cost_usd: 0, duration_ms: 0, score_sum: 0, scores: 0, error_kinds: {}, failure_reasons: {}, error_tasks: new Set(), failed_tasks: new Set(), tasks: new Map(), categories: new Map() };
    arms.set(arm, acc);
  }
  return acc;
}

function addRow(acc: ArmAcc, r: ResultRow): void {
  acc.done++;
  acc.tokens_in += r.tokens_in;
  acc.tokens_out += r.tokens_out;
  acc.cost_usd += r.cost_usd;
  acc.duration_ms += r.duration_ms;
  const category = rowCategory(r);
  if (category !== undefined) {
    let c = acc.categories.get(category);
    if (!c) acc.categories.set(category, (c = { passed: 0, failed: 0, errors: 0 }));
    if (r.status === 'passed') c.passed++;
    else if (r.status === 'failed') c.failed++;
    else c.errors++;
  }
  if (r.status === 'error') {
    acc.errors++;
    bump(acc.error_kinds, r.error_kind ?? r.reason ?? 'unknown');
    acc.error_tasks.add(r.task_id);
    return;
  }
  if (r.score !== null) {
    acc.score_sum += r.score;
    acc.scores++;
  }
  let task = acc.tasks.get(r.task_id);
  if (!task) acc.tasks.set(r.task_id, (task = { n: 0, c: 0 }));
  task.n++;
  if (r.status === 'passed') {
    acc.passed++;
    task.c++;
  } else {
    acc.failed++;
    acc.failed_tasks.add(r.task_id);
    bump(acc.failure_reasons, r.reason ?? 'unknown');
  }
}

function finishArm(acc: ArmAcc, k: readonly number[], unitsTotal: number | null): ArmSummary {
  const scored = acc.passed + acc.failed;
  return {
    arm: acc.arm,
    units_total: unitsTotal,
    done: acc.done,
    passed: acc.passed,
    failed: acc.failed,
    errors: acc.errors,
    pass_rate: scored > 0 ? acc.passed / scored : null,
    mean_score: acc.scores > 0 ? acc.score_sum / acc.scores : null,
    pass_at_k: k.map((kk) => estimatePassAtK(acc.tasks.values(), kk)),
    tokens_in: acc.tokens_in,
    tokens_out: acc.tokens_out,
    cost_usd: acc.cost_usd,
    duration_ms: acc.duration_ms,
    error_kinds: acc.error_kinds,
    failure_reasons: acc.failure_reasons,
    error_tasks: [...acc.error_tasks],
    failed_tasks: [...acc.failed_tasks],
  };
}

/** Categories in first-seen order over the arms, each with every arm's outcomes (zeros where an arm has none). */
function categoryTable(arms: readonly ArmAcc[]): CategorySummary[] {
  const names: string[] = [];
  for (const a of arms) for (const c of a.categories.keys()) if (!names.includes(c)) names.push(c);
  return names.map((category) => ({
    category,
    arms: Object.fromEntries(
      arms.map((a) => {
        const c = a.categories.get(category) ?? { passed: 0, failed: 0, errors: 0 };
        const scored = c.passed + c.failed;
        const ci = scored > 0 ? wilsonInterval(c.passed, scored) : null;
        return [a.arm, { ...c, pass_rate: scored > 0 ? c.passed / scored : null, ci: ci ? [ci.low, ci.high] : null }];
      }),
    ),
  }));
}

function bump(counts: Counts, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Why this report does not cover a finished run, or null when it does. */
function detectPartial(record: RunRecord | null): string | null {
  if (!record) return null;
  if (record.state === 'cancelled') return 'the run was cancelled; phases not finished are incomplete';
  const unfinished = record.phases.filter((p: PhaseRecord) => UNFINISHED_PHASE_STATES.has(p.state));
  if (unfinished.length > 0) return `phases not finished: ${unfinished.map((p) => `${p.name} (${p.state})`).join(', ')}`;
  // With every phase in a final state the report is complete even if run.json still says
  // running: the final report activity runs before the workflow marks the run ended.
  if (record.phases.length === 0 && (record.state === 'running' || record.state === 'paused')) return `the run is still ${record.state}`;
  return null;
}
