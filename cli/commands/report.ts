import path from 'node:path';
import type { Command } from 'commander';
import { writeReport } from '../../report/write-report';
import { CliError } from '../client';
import { existsSync } from 'node:fs';

export function register(program: Command): void {
  program
    .command('report')
    .description("(re)write a run's report from its output directory (report.md, report.json, report.html)")
    .argument('<dir>', 'output directory of the run')
    .option('--formats <list>', 'md,json,html', 'md,json,html')
    .action(async (dir: string, o: { formats: string }) => {
      const d = path.resolve(dir);
      if (!existsSync(path.join(d, 'results.jsonl')) && !existsSync(path.join(d, 'run.json'))) throw new CliError(`${d} holds no run (no results.jsonl or run.json)`);
      const formats = o.formats.split(',') as ('md' | 'json' | 'html')[];
      const { paths } = await writeReport(d, { formats });
      for (const p of Object.values(paths)) if (p) process.stdout.write(p + '\n');
    });
}
