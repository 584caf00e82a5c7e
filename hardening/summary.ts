import type { SuiteMutation, TaskMutation } from './mutate';
import { OPERATORS } from './operators';
import { formatScore, type Metrics } from './score';

/** Tasks with the weakest tests first: lowest score, then most survivors; untested tasks last. */
export function weakestTasks(suite: SuiteMutation, n = 10): TaskMutation[] {
  return suite.tasks
    .filter((t) => t.metrics.score !== null && t.metrics.Survived > 0)
    .sort((a, b) => a.metrics.score! - b.metrics.score! || b.metrics.Survived - a.metrics.Survived || a.task_id.localeCompare(b.task_id))
    .slice(0, n);
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const countsRow = (m: Metrics) => [formatScore(m.score), String(m.total), String(m.Killed), String(m.Survived), String(m.Timeout), String(m.CompileError), String(m.RuntimeError), String(m.Ignored)];
const COUNT_HEADER = ['score', 'mutants', 'killed', 'survived', 'timeout', 'compile error', 'runtime error', 'ignored'];
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Markdown summary: overall score, per-operator scores, the weakest tasks with their survivors. */
export function renderMutationSummary(suite: SuiteMutation, opts: { suite: string; weakest?: number; survivorsPerTask?: number } = { suite: 'suite' }): string {
  const m = suite.metrics;
  const untested = suite.tasks.filter((t) => t.status !== 'tested');
  const out = [
    `# Mutation testing: ${opts.suite}`,
    '',
    `**Mutation score ${formatScore(m.score)}** (detected ${m.detected} = killed ${m.Killed} + timeout ${m.Timeout}, of ${m.valid} valid mutants; ` +
      `${m.CompileError} compile errors, ${m.RuntimeError} runtime errors and ${m.Ignored} ignored are not scored) over ${suite.tasks.length} tasks.`,
    '',
    '## Per operator',
    '',
    ...table(['operator', ...COUNT_HEADER], OPERATORS.filter((op) => suite.byOperator[op]).map((op) => [op, ...countsRow(suite.byOperator[op]!)])),
  ];
  const weak = weakestTasks(suite, opts.weakest ?? 10);
  if (weak.length > 0) {
    out.push('', `## Weakest tests (${weak.length})`, '');
    for (const t of weak) {
      out.push(`- **${t.task_id}**: ${formatScore(t.metrics.score)} (${t.metrics.Survived} of ${t.metrics.valid} valid mutants survived)`);
      const survivors = t.mutants.filter((x) => x.status === 'Survived');
      const shown = survivors.slice(0, opts.survivorsPerTask ?? 5);
      for (const s of shown) out.push(`  - line ${s.start.line} ${s.operator} (\`${cell(s.original)}\` → \`${cell(s.replacement)}\`): \`${cell(s.mutated_line)}\``);
      if (survivors.length > shown.length) out.push(`  - … ${survivors.length - shown.length} more`);
    }
  }
  if (untested.length > 0) {
    out.push('', `## Not tested (${untested.length})`, '');
    for (const t of untested) out.push(`- ${t.task_id}: ${t.error ?? t.status}`);
  }
  if (suite.unusedIgnores.length > 0) {
    out.push('', `## Stale ignore entries (${suite.unusedIgnores.length})`, '');
    for (const e of suite.unusedIgnores) out.push(`- ${e.task_id} line ${e.line} ${e.operator}${e.replacement !== undefined ? ` → ${e.replacement}` : ''}: matches no mutant; remove or update it`);
  }
  return out.join('\n') + '\n';
}
