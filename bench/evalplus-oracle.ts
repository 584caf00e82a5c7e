/**
 * Oracle comparison: the official EvalPlus evaluator (PyPI `evalplus` 0.3.1, in a venv) and
 * Gauntlet's `humanevalplus` / `mbppplus` suites score the same programs — each task's canonical
 * solution, some of its mutants (hardening/ mutation operators), and for a few tasks a correct
 * solution that sleeps 5 ms per call and one with a `__main__` demo block calling input().
 * Prints the agreement and every disagreement with both sides' detail and, where known, the
 * cause (EvalPlus's own bugs are listed in README, "EvalPlus suites").
 *
 *   npx tsx bench/evalplus-oracle.ts [--limit N] [--mutants 3] [--datasets humaneval,mbpp] [--venv DIR] [--parallel 2]
 *
 * EvalPlus runs first, then Gauntlet, never both at once (each gets the machine's cores).
 * The venv (default ~/.cache/gauntlet/bench/evalplus-0.3.1) is created once.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { canonicalProgram, type Task } from '../config/task';
import { execTests } from '../eval/scorers';
import { sampleFromTask } from '../eval/suites/code-suite';
import { cacheDir } from '../eval/suites/cache-dir';
import { loadEvalPlus, type EvalPlusFlavour } from '../eval/suites/evalplus';
import type { Score, TaskState } from '../eval/types';
import { generateMutants } from '../hardening';
import { createSandbox } from '../sandbox';
import { saveFigures } from './lib/figures';
import { ROOT } from './lib/procs';
import { table } from './lib/table';

const EVALPLUS_VERSION = '0.3.1';
const { values: args } = parseArgs({
  options: {
    limit: { type: 'string' },
    mutants: { type: 'string', default: '3' },
    datasets: { type: 'string', default: 'humaneval,mbpp' },
    venv: { type: 'string', default: path.join(cacheDir(), 'bench', `evalplus-${EVALPLUS_VERSION}`) },
    parallel: { type: 'string', default: String(os.availableParallelism()) },
    quick: { type: 'boolean', default: false },
  },
});
const limit = args.limit ? Number(args.limit) : args.quick ? 20 : Infinity;
const mutantsPerTask = Number(args.mutants);
const parallel = Number(args.parallel);

const DATA: Record<EvalPlusFlavour, string> = {
  humaneval: path.resolve(ROOT, '../shared/datasets/evalplus/HumanEvalPlus-v0.1.10.jsonl.gz'),
  mbpp: path.resolve(ROOT, '../shared/datasets/evalplus/MbppPlus-v0.2.0.jsonl.gz'),
};
const OVERRIDE_ENV: Record<EvalPlusFlavour, string> = { humaneval: 'HUMANEVAL_OVERRIDE_PATH', mbpp: 'MBPP_OVERRIDE_PATH' };

/**
 * Disagreements whose cause is a bug in EvalPlus 0.3.1 (README lists each with its reason),
 * keyed by task id; `when` says which side passes.
 */
const EVALPLUS_BUGS: Record<string, { when: 'gauntlet-passes' | 'evalplus-passes'; cause: string }> = {
  'HumanEval/32': {
    when: 'gauntlet-passes',
    cause: 'EvalPlus bug: its find_zero oracle `continue`s before marking the input passed, so every program fails (the canonical one too)',
  },
  'HumanEval/83': {
    when: 'gauntlet-passes',
    cause:
      "EvalPlus load-dependence: the canonical solution's 18 * 10**(n-2) for n near 10**6 takes 0.2 s when EvalPlus measures it and 0.2-0.9 s of wall clock on a busy machine, against EvalPlus's 1 s wall limit per input",
  },
  'HumanEval/137': {
    when: 'evalplus-passes',
    cause: 'EvalPlus bug: atol raised to 1e-6 for a float output stays raised for the later inputs, so numpy.allclose accepts near-miss big integers',
  },
};

const CANONICAL_FAILED = { when: 'gauntlet-passes' as const, cause: 'EvalPlus fails the canonical solution itself (whose outputs are the expected ones): a wall-clock limit under load' };

function python(venv: string): string {
  const py = path.join(venv, 'bin', 'python');
  if (existsSync(py) && spawnSync(py, ['-c', `import evalplus, sys; sys.exit(evalplus.__version__ != '${EVALPLUS_VERSION}')`]).status === 0) return py;
  console.log(`creating ${venv} with evalplus==${EVALPLUS_VERSION} from PyPI (once; a few minutes)`);
  mkdirSync(path.dirname(venv), { recursive: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(py, ['-m', 'pip', 'install', '--quiet', `evalplus==${EVALPLUS_VERSION}`], { stdio: 'inherit' });
  return py;
}

interface Program {
  task: Task;
  kind: string;
  source: string;
}

/** A correct solution that waits 5 ms per call (a slow-ish but right answer). */
const sleepy = (t: Task) =>
  `${canonicalProgram(t)}\n\nimport time as _bench_time\n_bench_inner = ${t.entry_point}\n\ndef ${t.entry_point}(*args):\n    _bench_time.sleep(0.005)\n    return _bench_inner(*args)\n`;
/** A correct solution with the demo block many model answers end with. */
const mainBlock = (t: Task) => `${canonicalProgram(t)}\n\nif __name__ == "__main__":\n    print(${t.entry_point}(*eval(input())))\n`;

async function programsOf(tasks: Task[]): Promise<Program[]> {
  const out: Program[] = [];
  for (const [i, t] of tasks.entries()) {
    out.push({ task: t, kind: 'canonical', source: canonicalProgram(t) });
    if (i % 40 === 0) out.push({ task: t, kind: 'sleeps-5ms', source: sleepy(t) }, { task: t, kind: 'main-block', source: mainBlock(t) });
    const ms = (await generateMutants(t)).filter((m) => !m.compile_error);
    // evenly spread over the solution, deterministic
    const picked = ms.length <= mutantsPerTask ? ms : Array.from({ length: mutantsPerTask }, (_, k) => ms[Math.floor(((k + 0.5) * ms.length) / mutantsPerTask)]!);
    for (const m of picked) out.push({ task: t, kind: `mutant ${m.operator}@${m.start.line}`, source: m.source });
  }
  return out;
}

interface EvalPlusVerdict {
  pass: boolean;
  detail: string;
}

/** Scores every program with EvalPlus's own evaluate() (its sample format: full `solution`s). */
function scoreWithEvalPlus(py: string, flavour: EvalPlusFlavour, dataFile: string, programs: Program[], dir: string): EvalPlusVerdict[] {
  const samples = path.join(dir, `${flavour}-samples.jsonl`);
  writeFileSync(samples, programs.map((p) => JSON.stringify({ task_id: p.task.task_id, solution: p.source })).join('\n') + '\n');
  const script = `from evalplus.evaluate import evaluate\nevaluate(${JSON.stringify(flavour)}, samples=${JSON.stringify(samples)}, parallel=${parallel}, i_just_wanna_run=True)\n`;
  const r = spawnSync(py, ['-c', script], { env: { ...process.env, [OVERRIDE_ENV[flavour]]: dataFile }, encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`evalplus evaluate failed (exit ${r.status}): ${r.stderr.slice(-2000)}`);
  const results = JSON.parse(readFileSync(samples.replace('.jsonl', '_eval_results.json'), 'utf8')) as {
    eval: Record<string, { base_status: string; plus_status: string; base_fail_tests: unknown[]; plus_fail_tests: unknown[] }[]>;
  };
  const next = new Map<string, number>();
  return programs.map((p) => {
    const k = next.get(p.task.task_id) ?? 0;
    next.set(p.task.task_id, k + 1);
    const e = results.eval[p.task.task_id]![k]!;
    const fail = [...e.base_fail_tests, ...e.plus_fail_tests][0];
    return { pass: e.base_status === 'pass' && e.plus_status === 'pass', detail: `base ${e.base_status}, plus ${e.plus_status}${fail !== undefined ? `, failing input ${JSON.stringify(fail).slice(0, 120)}` : ''}` };
  });
}

/** Scores every program the way a Gauntlet benchmark unit does: the exec-tests scorer, the task's own limits. */
async function scoreWithGauntlet(programs: Program[]): Promise<Score[]> {
  const sandbox = createSandbox({ concurrency: parallel });
  const scorer = execTests();
  // the suite's tasks carry their wall clock (timeout_s), as eval/sandbox-timeout.ts would use it
  const env = { sandbox: () => sandbox, sandboxTimeoutMs: async (t: Task) => t.timeout_s! * 1000, heartbeat: () => undefined };
  try {
    return await Promise.all(
      programs.map((p) => {
        const state: TaskState = {
          sample: sampleFromTask(p.task),
          epoch: 0,
          messages: [],
          output: { completion: '', program: p.source },
          usage: { tokens_in: 0, tokens_out: 0, cost_usd: 0, calls: 0, cached: false },
          store: {},
        };
        return scorer(state, env);
      }),
    );
  } finally {
    await sandbox.close();
  }
}

function subsetFile(flavour: EvalPlusFlavour, dir: string): string {
  const lines = gunzipSync(readFileSync(DATA[flavour])).toString('utf8').split('\n').filter(Boolean);
  if (!Number.isFinite(limit)) return DATA[flavour];
  const file = path.join(dir, `${flavour}-first-${limit}.jsonl`);
  writeFileSync(file, lines.slice(0, limit).join('\n') + '\n');
  return file;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-evalplus-oracle-'));
const figures: Record<string, unknown> = { evalplus: EVALPLUS_VERSION, mutants_per_task: mutantsPerTask, limit: Number.isFinite(limit) ? limit : 'all' };
const summary: (string | number)[][] = [];
try {
  const py = python(args.venv);
  for (const flavour of args.datasets.split(',') as EvalPlusFlavour[]) {
    const file = subsetFile(flavour, dir);
    const t0 = Date.now();
    const tasks = await loadEvalPlus(file, { flavour });
    const programs = await programsOf(tasks);
    console.log(`\n${flavour}: ${tasks.length} tasks, ${programs.length} programs (loaded and mutated in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    const t1 = Date.now();
    const theirs = scoreWithEvalPlus(py, flavour, file, programs, dir);
    const evalplusS = (Date.now() - t1) / 1000;
    const t2 = Date.now();
    const ours = await scoreWithGauntlet(programs);
    const gauntletS = (Date.now() - t2) / 1000;
    let agree = 0;
    let bugs = 0;
    const rows: string[][] = [];
    programs.forEach((p, i) => {
      const e = theirs[i]!;
      const g = ours[i]!;
      if (e.pass === (g.status === 'passed')) return void agree++;
      // the canonical solution defines the expected outputs: EvalPlus failing it is EvalPlus's fault
      const bug = EVALPLUS_BUGS[p.task.task_id] ?? (p.kind === 'canonical' && g.status === 'passed' ? CANONICAL_FAILED : undefined);
      const known = bug && (bug.when === 'gauntlet-passes') === (g.status === 'passed');
      if (known) bugs++;
      const gDetail = g.status === 'passed' ? 'passed' : `${g.reason}: ${(g.explanation ?? '').trim().split('\n').pop()?.slice(0, 160)}`;
      rows.push([p.task.task_id, p.kind, e.pass ? 'pass' : e.detail, gDetail, known ? bug.cause : 'unexplained']);
    });
    const n = programs.length;
    const pct = (x: number, of: number) => `${((100 * x) / of).toFixed(2)}%`;
    console.log(`EvalPlus ${evalplusS.toFixed(0)} s, Gauntlet ${gauntletS.toFixed(0)} s; agreement ${agree}/${n} = ${pct(agree, n)}; excluding EvalPlus's own bugs ${agree}/${n - bugs} = ${pct(agree, n - bugs)}`);
    if (rows.length) console.log(table(['task', 'program', 'EvalPlus', 'Gauntlet', 'cause'], rows));
    const kinds = (pred: (k: string) => boolean) => programs.map((p, i) => ({ p, i })).filter(({ p }) => pred(p.kind));
    const passRate = (sel: { i: number }[], side: 'e' | 'g') => sel.filter(({ i }) => (side === 'e' ? theirs[i]!.pass : ours[i]!.status === 'passed')).length;
    const canon = kinds((k) => k === 'canonical');
    summary.push([flavour, n, canon.length, `${passRate(canon, 'e')} / ${passRate(canon, 'g')}`, agree, bugs, pct(agree, n), pct(agree, n - bugs), `${evalplusS.toFixed(0)} / ${gauntletS.toFixed(0)}`]);
    figures[flavour] = { tasks: tasks.length, programs: n, agree, evalplus_bugs: bugs, unexplained: n - agree - bugs, agreement: agree / n, agreement_excluding_evalplus_bugs: agree / (n - bugs), evalplus_s: evalplusS, gauntlet_s: gauntletS, disagreements: rows };
  }
  console.log('\n' + table(['dataset', 'programs', 'canonical', 'canonical passed (EvalPlus / Gauntlet)', 'agree', 'EvalPlus bugs', 'agreement', 'excl. EvalPlus bugs', 'seconds (EvalPlus / Gauntlet)'], summary));
  saveFigures('evalplus-oracle', figures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
