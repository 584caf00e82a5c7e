import type { FastifyInstance, FastifyReply } from 'fastify';
import { compareSlices } from '../analysis/compare';
import { AnalysisError } from '../analysis/errors';
import { compareIds } from '../analysis/ids';
import { unitKey } from '../config/results';
import { selectSlice } from '../analysis/slice';
import { escapeHtml as esc } from '../report/html';
import { renderHtml } from '../report/render-html';
import { ViewError, type RunCatalog } from './catalog';
import { liveStatus } from './live';
import { comparePage, type CompareChoice } from './pages/compare';
import { viewPage } from './pages/layout';
import { runPage } from './pages/run';
import { runsPage } from './pages/runs';
import { samplePage } from './pages/sample';
import { samplesPage } from './pages/samples';
import type { RunData } from './run-data';
import { facets, FILTER_FIELDS, querySamples, type SampleFilter } from './samples-query';
import { urls } from './urls';

const PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 500;

type Query = Record<string, string | undefined>;

/** Every page and JSON endpoint of `gauntlet view`; pages are rendered on the server from the catalog's readers. */
export function registerRoutes(app: FastifyInstance, catalog: RunCatalog): void {
  const html = (reply: FastifyReply, body: string) => reply.type('text/html; charset=utf-8').send(body);

  app.setErrorHandler((err: Error, req, reply) => {
    const status = err instanceof ViewError ? err.status : err instanceof AnalysisError ? 400 : ((err as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) req.log.error(err);
    if (req.url.startsWith('/api/')) return reply.status(status).send({ error: err.message });
    return html(reply.status(status), viewPage('Gauntlet: error', `<h1>${status === 404 ? 'Not found' : 'Cannot show this'}</h1><div class="warn">${esc(err.message)}</div><p><a href="${urls.runs()}">All runs</a></p>`));
  });

  app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());
  app.get('/', async (_req, reply) => {
    const { runs, temporal_problem } = await catalog.list();
    return html(reply, runsPage(runs, catalog.runsRoot, temporal_problem));
  });
  app.get('/api/runs', async () => catalog.list());

  app.get<{ Params: { run: string } }>('/runs/:run', async (req, reply) => {
    const data = await catalog.get(req.params.run);
    const live = await liveStatus(data, catalog.temporal);
    return html(reply, runPage(req.params.run, data.summary(), live, data.timeline()));
  });
  app.get<{ Params: { run: string } }>('/api/runs/:run/summary', async (req) => (await catalog.get(req.params.run)).summary());
  app.get<{ Params: { run: string } }>('/api/runs/:run/live', async (req) => liveStatus(await catalog.get(req.params.run), catalog.temporal));

  app.get<{ Params: { run: string } }>('/runs/:run/report.html', async (req, reply) => {
    const run = req.params.run;
    const s = (await catalog.get(run)).summary();
    return html(reply, renderHtml(s, { failedTaskHref: (phase, arm, task) => urls.task(run, phase, arm, task) }));
  });

  const page = async (data: RunData, q: Query) => {
    const f: SampleFilter = { q: q.q };
    for (const k of FILTER_FIELDS) if (q[k]) f[k] = q[k];
    const size = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(q.size) || PAGE_SIZE));
    return { f, result: querySamples(data.index.entries(), f, Math.max(1, Number(q.page) || 1), size) };
  };
  app.get<{ Params: { run: string }; Querystring: Query }>('/runs/:run/samples', async (req, reply) => {
    const data = await catalog.get(req.params.run);
    const { f, result } = await page(data, req.query);
    return html(reply, samplesPage(req.params.run, f, result, facetsOf(data)));
  });
  app.get<{ Params: { run: string }; Querystring: Query }>('/api/runs/:run/samples', async (req) => (await page(await catalog.get(req.params.run), req.query)).result);

  app.get<{ Params: { run: string }; Querystring: Query }>('/runs/:run/sample', async (req, reply) => {
    const { phase, task, arm } = req.query;
    const sample = Number(req.query.sample ?? 0);
    if (!phase || !task || !arm || !Number.isInteger(sample)) throw new ViewError('a sample is named by phase, task, arm and sample (e.g. ?phase=benchmark&task=ALGO_001&arm=mock&sample=0)', 400);
    const data = await catalog.get(req.params.run);
    const d = await data.sample({ phase, task_id: task, arm, sample });
    if (!d) throw new ViewError(`run ${req.params.run} has no row for ${phase} / ${task} / ${arm} / sample ${sample}`);
    const arms = data
      .summary()
      .phases.find((p) => p.name === phase)
      ?.arms.filter((a) => a.arm !== arm)
      .map((a) => ({ arm: a.arm, status: data.index.find(unitKey({ phase, task_id: task, arm: a.arm, sample }))?.row.status ?? null }));
    return html(reply, samplePage(req.params.run, d, arms ?? []));
  });

  app.get<{ Params: { run: string }; Querystring: Query }>('/runs/:run/task', async (req, reply) => {
    const { phase, task, arm } = req.query;
    if (!phase || !task || !arm) throw new ViewError('a task is named by phase, arm and task', 400);
    const row = (await catalog.get(req.params.run)).firstRowOf(phase, arm, task, 'failed');
    if (!row) throw new ViewError(`run ${req.params.run} has no row of task ${task} in ${phase} / ${arm}`);
    return reply.redirect(urls.sample(req.params.run, row));
  });

  app.get<{ Querystring: Query }>('/compare', async (req, reply) => {
    const { runs } = await catalog.list();
    const choice: CompareChoice = { a: req.query.a, b: req.query.b, phase: req.query.phase || undefined, arm_a: req.query.arm_a || undefined, arm_b: req.query.arm_b || undefined };
    let result: Parameters<typeof comparePage>[2] = null;
    if (choice.a && choice.b) {
      try {
        result = await compare(catalog, choice);
      } catch (e) {
        if (!(e instanceof AnalysisError || e instanceof ViewError)) throw e;
        result = { problem: e.message };
      }
    }
    return html(reply, comparePage(runs.filter((r) => r.output_dir).map((r) => r.run_id), choice, result));
  });
}

const facetCache = new WeakMap<RunData, { version: number; value: ReturnType<typeof facets> }>();
function facetsOf(data: RunData): ReturnType<typeof facets> {
  const c = facetCache.get(data);
  if (c && c.version === data.index.version) return c.value;
  const value = facets(data.index.entries());
  facetCache.set(data, { version: data.index.version, value });
  return value;
}

/** Two arms of one run default to its first two arms of the phase (given, else the first benchmark phase). */
async function compare(catalog: RunCatalog, choice: CompareChoice) {
  const runA = await catalog.get(choice.a!);
  const runB = choice.b === choice.a ? runA : await catalog.get(choice.b!);
  if (choice.a === choice.b && (!choice.arm_a || !choice.arm_b)) {
    const phases = runA.summary().phases;
    const p = phases.find((x) => x.name === choice.phase) ?? phases.find((x) => x.kind === 'benchmark');
    if (p && p.arms.length >= 2) {
      choice.phase ??= p.name;
      choice.arm_a ??= p.arms[0]!.arm;
      choice.arm_b ??= p.arms.find((a) => a.arm !== choice.arm_a)!.arm;
    }
  }
  const a = selectSlice(runA.loaded(), { phase: choice.phase, arm: choice.arm_a });
  const b = selectSlice(runB.loaded(), { phase: choice.phase, arm: choice.arm_b });
  const comparison = compareSlices(a, b);
  const both_passed = [...a.tasks.values()].filter((t) => t.outcome === 'passed' && b.tasks.get(t.task_id)?.outcome === 'passed').map((t) => t.task_id);
  return { comparison, both_passed: both_passed.sort(compareIds) };
}
