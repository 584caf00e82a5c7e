import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { RunCatalog } from './catalog';
import { registerRoutes } from './routes';
import type { TemporalSource } from './temporal-source';
import { urls } from './urls';

export const DEFAULT_VIEW_PORT = 8300;
/** Loopback only unless asked: run files hold prompts, answers and costs. */
export const DEFAULT_VIEW_HOST = '127.0.0.1';

export interface ViewServerOptions {
  runsRoot: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Temporal to merge into the runs list and ask for live progress (the CLI makes one); null: files only. */
  temporal?: TemporalSource | null;
}

export interface ViewServer {
  app: FastifyInstance;
  url: string;
  catalog: RunCatalog;
  close(): Promise<void>;
}

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** Chart.js's own browser build, from node_modules: the pages never load anything from a CDN. */
const CHART_JS_DIST = path.dirname(createRequire(import.meta.url).resolve('chart.js'));

export async function startViewServer(o: ViewServerOptions): Promise<ViewServer> {
  const temporal = o.temporal ?? null;
  const catalog = new RunCatalog(path.resolve(o.runsRoot), temporal);
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root: ASSETS, prefix: '/assets/', allowedPath: (p) => p !== '/chart.umd.min.js' });
  app.get('/assets/chart.umd.min.js', (_req, reply) => reply.sendFile('chart.umd.min.js', CHART_JS_DIST, { maxAge: 3600_000 }));
  registerRoutes(app, catalog);
  const host = o.host ?? DEFAULT_VIEW_HOST;
  await app.listen({ port: o.port ?? DEFAULT_VIEW_PORT, host });
  const addr = app.server.address();
  const port = addr && typeof addr === 'object' ? addr.port : (o.port ?? DEFAULT_VIEW_PORT);
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return {
    app,
    url: `http://${shown}:${port}`,
    catalog,
    async close() {
      await app.close();
      await temporal?.close();
    },
  };
}

/** The URL of one run's page, for `gauntlet demo` and the CLI to print. */
export function runPageUrl(base: string, runId: string): string {
  return base + urls.run(runId);
}
