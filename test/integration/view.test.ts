import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { GauntletWorker } from '../../workers/worker';
import { startRun, tempDir, testWorker, uniqueQueue } from '../helpers/temporal';
import { jsonOf, rowsOf } from '../helpers/files';
import { findChromium, launchChromium, NO_CHROMIUM, testOutputDir } from '../helpers/browser';
import { loadCodeTasks } from '../../eval/load';
import { startMockApi, type MockApi } from '../../devtools/mock-api';
import { startViewServer, type ViewServer } from '../../view/server';
import { TemporalLink } from '../../cli/view-temporal';
import { int, passAtKText, pct } from '../../report/format';
import type { RunSummary } from '../../report/types';
import type { RunConfigInput } from '../../config/run-config';
import type { Task } from '../../config/task';
import type { RunOutcome } from '../../workflows/benchmark-run';

/**
 * `gauntlet view` in a real browser (Debian's chromium through playwright-core) on real runs of
 * the custom suite made by a real worker on the dev server: a `reference` arm and two simulated
 * models whose "canonical" answers are stubs for known tasks, so every failed row is known by
 * construction, plus a mutation phase. A second, slow run is watched while it goes.
 */
const TASKS = ['ALGO_001', 'ALGO_002', 'DATA_001', 'DATA_002', 'API_001', 'API_002', 'BUG_001', 'BUG_002'];
const FAIL_A = ['ALGO_002', 'DATA_001', 'API_002'];
const FAIL_B = ['DATA_001', 'BUG_001'];
const tag = randomBytes(3).toString('hex');
const RUN = `view-${tag}`;
const LIVE = `view-live-${tag}`;

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(NO_CHROMIUM);

function stubbed(tasks: Task[], ids: string[]): Task[] {
  return tasks.map((t) => (ids.includes(t.task_id) ? { ...t, canonical_solution: `def ${t.entry_point}(*args, **kwargs):\n    return None\n` } : t));
}

let root: string;
let shots: string;
let queue: string;
let worker: GauntletWorker;
let workerDone: Promise<void>;
let server: ViewServer;
let browser: Browser;
let page: Page;
let report: RunSummary;
const mocks: MockApi[] = [];
let liveResult: Promise<unknown>;

const shot = (name: string) => page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
const texts = (sel: string) => page.locator(sel).allTextContents();

describe.skipIf(!chromiumPath)('gauntlet view in a browser', () => {
  beforeAll(async () => {
    root = tempDir('gauntlet-view-');
    shots = testOutputDir('view');
    mkdirSync(shots, { recursive: true });
    const suite = { name: 'custom' as const };
    const tasks = await loadCodeTasks(suite);
    const mockA = await startMockApi({ tasks: stubbed(tasks, FAIL_A), answers: 'canonical' });
    const mockB = await startMockApi({ tasks: stubbed(tasks, FAIL_B), answers: 'canonical' });
    const slow = await startMockApi({ tasks, answers: 'canonical', latencyMs: 1500 });
    mocks.push(mockA, mockB, slow);
    queue = uniqueQueue('view');
    worker = await testWorker(queue);
    workerDone = worker.run();

    const config: RunConfigInput = {
      run_id: RUN,
      output_dir: path.join(root, RUN),
      cache: false,
      phases: [
        { name: 'mutation', kind: 'mutation', suite, sample_ids: TASKS.slice(0, 3), operators: ['return-none', 'comparison-swap', 'number-plus-minus-1'] },
        {
          name: 'benchmark',
          kind: 'benchmark',
          suite,
          sample_ids: TASKS,
          concurrency: 4,
          arms: [
            { name: 'reference', model: 'reference' },
            { name: 'mock', model: 'mock/a', base_url: mockA.url },
            { name: 'mock2', model: 'mock/b', base_url: mockB.url },
          ],
        },
      ],
    };
    const outcome = (await (await startRun(queue, config, `gauntlet-${RUN}`)).result()) as RunOutcome;
    expect(outcome.state).toBe('completed');
    report = jsonOf(path.join(root, RUN), 'report.json') as RunSummary;

    server = await startViewServer({ runsRoot: root, port: 0, temporal: new TemporalLink(inject('temporalAddress'), 'default') });
    browser = await launchChromium(chromiumPath!);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await liveResult?.catch(() => undefined);
    await browser?.close();
    await server?.close();
    if (worker) {
      worker.shutdown();
      await workerDone;
    }
    await Promise.all(mocks.map((m) => m.close()));
    if (shots) console.log(`gauntlet view screenshots: ${shots}`);
  });

  it('lists the run, and its run page shows the numbers of report.json', async () => {
    await page.goto(server.url + '/');
    await expect.poll(() => texts('#runs tbody tr td:first-child a')).toContain(RUN);
    await shot('runs');

    await page.goto(`${server.url}/runs/${RUN}`);
    expect(await page.locator('[data-total="done"]').textContent()).toBe(int(report.totals.done));
    expect(await page.locator('[data-total="passed"]').textContent()).toBe(int(report.totals.passed));
    expect(await page.locator('[data-total="failed"]').textContent()).toBe(int(report.totals.failed));
    const bench = report.phases.find((p) => p.name === 'benchmark')!;
    const rows = page.locator('.phase[data-phase="benchmark"] table').first().locator('tbody tr');
    expect(await rows.count()).toBe(bench.arms.length);
    for (const [i, a] of bench.arms.entries()) {
      const cells = await rows.nth(i).locator('td').allTextContents();
      // Arm, Outcomes, Done, Passed, Failed, Errors, Pass rate, pass@1, ...
      expect([cells[0], cells[3], cells[4], cells[5], cells[6], cells[7]]).toEqual([a.arm, int(a.passed), int(a.failed), int(a.errors), pct(a.pass_rate), passAtKText(a.pass_at_k[0]!)]);
    }
    expect(bench.arms.find((a) => a.arm === 'mock')!.failed).toBe(FAIL_A.length);
    // The per-category table: one row per category the rows carry.
    const cats = await page.locator('.phase[data-phase="benchmark"] h3:has-text("Per category") + table tbody tr td:first-child').allTextContents();
    expect(cats).toEqual(bench.categories.map((c) => c.category));
    // Mutation phases: the mutation score per operator, not a pass@k table.
    const mutation = page.locator('.phase[data-phase="mutation"]');
    expect(await mutation.textContent()).toContain('Mutation score per operator');
    expect(await mutation.textContent()).not.toContain('pass@1');
    const m = report.phases.find((p) => p.name === 'mutation')!.mutation!;
    expect(await mutation.locator('strong').first().textContent()).toContain(`Mutation score ${pct(m.score)}`);
    // Charts drawn by Chart.js from the local copy: one canvas per chart, each with pixels.
    await page.waitForFunction('"Chart" in window');
    const charts = report.phases.filter((p) => p.categories.length && p.kind !== 'mutation').length + 1 + report.phases.filter((p) => p.mutation).length;
    expect(await page.locator('canvas[data-chart]').count()).toBe(charts);
    await shot('run');
  });

  it('filtering the samples to failed shows exactly the failed rows', async () => {
    const { rows } = await rowsOf(path.join(root, RUN));
    const failed = rows.filter((r) => r.status === 'failed').map((r) => `${r.phase}|${r.arm}|${r.task_id}`);
    await page.goto(`${server.url}/runs/${RUN}/samples`);
    await page.selectOption('select[name="status"]', 'failed');
    await page.click('form.filters button[type="submit"]');
    await page.waitForURL(/status=failed/);
    const shown = await page.locator('#samples tbody tr').evaluateAll((trs) => trs.map((tr) => [1, 2, 0].map((i) => tr.children[i]!.textContent).join('|')));
    expect(shown.sort()).toEqual(failed.sort());
    expect(new Set(await texts('#samples tbody tr td:nth-child(5)'))).toEqual(new Set(['failed']));
    await shot('samples-failed');
  });

  it("a failing candidate's sample page shows its stderr, prompt, answer and tests", async () => {
    const { rows } = await rowsOf(path.join(root, RUN));
    const row = rows.find((r) => r.phase === 'benchmark' && r.arm === 'mock' && r.task_id === FAIL_A[0])!;
    expect(row.status).toBe('failed');
    expect(row.stderr_tail).toBeTruthy();
    await page.goto(`${server.url}/runs/${RUN}/samples?phase=benchmark&arm=mock&status=failed&q=${FAIL_A[0]}`);
    await page.click(`#samples tbody tr a:text-is("${FAIL_A[0]}")`);
    await page.waitForURL(/\/sample\?/);
    expect((await page.locator('pre[data-block="stderr (tail)"]').textContent())!.trim()).toBe(row.stderr_tail!.trim());
    const task = (await loadCodeTasks({ name: 'custom' })).find((t) => t.task_id === FAIL_A[0])!;
    expect(await page.locator('pre[data-block="Prompt"]').textContent()).toContain(task.prompt.trim().split('\n')[0]);
    expect((await page.locator('pre[data-block="Tests"]').textContent())!.trim()).toBe(task.test_code.trim());
    expect(await page.locator('pre[data-block="Extracted program"]').textContent()).toContain('return None');
    await shot('sample');
  });

  it("report.html served by the viewer links a failed task to its sample page", async () => {
    await page.goto(`${server.url}/runs/${RUN}/report.html`);
    await page.click(`a:has-text("${FAIL_B[1]}")`);
    await page.waitForURL(/\/sample\?/);
    expect(await page.locator('h1').textContent()).toContain(FAIL_B[1]);
    expect(await page.locator('[data-fact="Status"]').textContent()).toBe('failed');
  });

  it('compares two arms: the expected fixed and broken sets, with the McNemar p-value', async () => {
    await page.goto(`${server.url}/compare?a=${RUN}&b=${RUN}&phase=benchmark&arm_a=mock&arm_b=mock2`);
    const set = (k: string) => page.locator(`ul[data-set="${k}"] li`).evaluateAll((lis) => lis.map((li) => li.getAttribute('data-task')));
    expect(await set('fixed')).toEqual(FAIL_A.filter((t) => !FAIL_B.includes(t)).sort());
    expect(await set('broken')).toEqual(FAIL_B.filter((t) => !FAIL_A.includes(t)).sort());
    expect(await set('both-failed')).toEqual(FAIL_A.filter((t) => FAIL_B.includes(t)));
    expect((await set('both-passed')).length).toBe(TASKS.length - new Set([...FAIL_A, ...FAIL_B]).size);
    expect(await page.locator('[data-mcnemar]').textContent()).toMatch(/^p = \d/);
    await shot('compare');
  });

  it("a running run's page advances by itself", async () => {
    const handle = await startRun(
      queue,
      {
        run_id: LIVE,
        output_dir: path.join(root, LIVE),
        cache: false,
        phases: [{ name: 'benchmark', kind: 'benchmark', suite: { name: 'custom' }, sample_ids: TASKS, concurrency: 1, arms: [{ name: 'slow', model: 'mock/slow', base_url: mocks[2]!.url, max_concurrency: 1 }] }],
      },
      `gauntlet-${LIVE}`,
    );
    liveResult = handle.result();
    const done = async () => Number((await page.locator('#live [data-live="done"]').textContent())!.replace(/,/g, ''));
    await expect.poll(async () => {
      await page.goto(`${server.url}/runs/${LIVE}`).catch(() => null);
      return page.locator('#live').count();
    }, { timeout: 60_000 }).toBe(1);
    expect(await page.locator('#live').getAttribute('data-finished')).toBe('false');
    const first = await done();
    // No reload from here on: the panel polls the server, which reads the growing results file.
    await expect.poll(done, { timeout: 90_000, interval: 500 }).toBeGreaterThan(first);
    await shot('live');
    await liveResult;
  });
});
