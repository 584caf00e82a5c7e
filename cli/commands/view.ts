import path from 'node:path';
import type { Command } from 'commander';
import open from 'open';
import { defaultRunsRoot } from '../../store/run-record';
import { DEFAULT_VIEW_HOST, DEFAULT_VIEW_PORT, startViewServer } from '../../view/server';
import { addConnectionFlags, resolveTarget, type ConnectionFlags } from '../connection';
import { integer } from '../parse';
import { TemporalLink } from '../view-temporal';

interface ViewFlags extends ConnectionFlags {
  runsRoot?: string;
  port: number;
  host: string;
  open?: boolean;
  temporal: boolean;
}

/** `gauntlet view`: the local web viewer of runs, samples, comparisons and live progress. */
export function register(program: Command): void {
  const cmd = program
    .command('view')
    .description(
      'local web viewer: runs (merged with Temporal visibility), a run page with charts and Run Health, paged samples, ' +
        'one sample with its prompt, answer, tests and stderr, comparisons, live progress. Binds 127.0.0.1 unless --host says otherwise',
    )
    .option('--runs-root <dir>', 'folder holding run output directories (default: $GAUNTLET_RUNS_DIR or ./runs)')
    .option('--port <n>', 'port to listen on (0 picks a free one)', integer('--port', 0), DEFAULT_VIEW_PORT)
    .option('--host <host>', 'address to bind; a remote machine is better reached through an SSH tunnel than by binding 0.0.0.0', DEFAULT_VIEW_HOST)
    .option('--open', 'open the runs list in the default browser')
    .option('--no-temporal', 'do not ask Temporal (runs list and live view from the files only)');
  addConnectionFlags(cmd).action(async (o: ViewFlags) => {
      const runsRoot = path.resolve(o.runsRoot ?? defaultRunsRoot());
      const server = await startViewServer({
        runsRoot,
        port: o.port,
        host: o.host,
        temporal: o.temporal ? new TemporalLink(resolveTarget(o)) : null,
      });
      process.stderr.write(`gauntlet view: runs under ${runsRoot}\n${server.url}  (Ctrl+C stops)\n`);
      if (o.open) await open(server.url).catch((e: Error) => process.stderr.write(`gauntlet view: cannot open a browser (${e.message}); open ${server.url} yourself\n`));
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });
}
