/** Every URL the viewer's pages link to, in one place (routes.ts serves exactly these). */

const qs = (params: Record<string, string | number | undefined | null>) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') u.set(k, String(v));
  const s = u.toString();
  return s ? `?${s}` : '';
};

const enc = encodeURIComponent;

export const urls = {
  runs: () => '/',
  run: (run: string) => `/runs/${enc(run)}`,
  samples: (run: string, f: Record<string, string | number | undefined> = {}) => `/runs/${enc(run)}/samples${qs(f)}`,
  sample: (run: string, u: { phase: string; task_id: string; arm: string; sample: number }) => `/runs/${enc(run)}/sample${qs({ phase: u.phase, task: u.task_id, arm: u.arm, sample: u.sample })}`,
  /** A task's failed sample (else its first): what report.html links each failed task to. */
  task: (run: string, phase: string, arm: string, task: string) => `/runs/${enc(run)}/task${qs({ phase, arm, task })}`,
  compare: (p: { a?: string; b?: string; phase?: string; arm_a?: string; arm_b?: string } = {}) => `/compare${qs(p)}`,
  report: (run: string) => `/runs/${enc(run)}/report.html`,
  apiLive: (run: string) => `/api/runs/${enc(run)}/live`,
  apiSummary: (run: string) => `/api/runs/${enc(run)}/summary`,
  apiSamples: (run: string) => `/api/runs/${enc(run)}/samples`,
  asset: (name: string) => `/assets/${name}`,
};
