import type { Command } from 'commander';
import { checkEnvironment, createEnvironment, envDir, envRoot, environmentNames, environmentProblem, environmentSpec, readRecord } from '../../environments';
import { CliError } from '../errors';

const known = () => environmentNames().join(', ');

function specOrFail(name: string) {
  try {
    return environmentSpec(name);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

export function register(program: Command): void {
  const env = program.command('env').description(`Python environments that suites run their code in (${known()}), under ${envRoot()}`);

  env
    .command('create')
    .description('build an environment from its pinned requirements (a virtualenv + pip freeze lock); does nothing when it is up to date')
    .argument('<name>', known())
    .option('--force', 'rebuild from an empty virtualenv')
    .action(async (name: string, o: { force?: boolean }) => {
      specOrFail(name);
      const r = await createEnvironment(name, { force: o.force, log: (l) => process.stderr.write(`${l}\n`) });
      const rec = r.record;
      if (r.upToDate) console.log(`environment ${name} is up to date (Python ${rec.python_version}, built ${rec.created_at}): ${envDir(name)}`);
      else console.log(`environment ${name} built in ${rec.build_s} s: Python ${rec.python_version}, lock ${envDir(name)}/lock.txt`);
      if (rec.pins_moved.length) console.log(`pins that moved (${rec.pins_moved.length}):\n  ${rec.pins_moved.join('\n  ')}`);
    });

  env
    .command('list')
    .description('known environments and whether each is built here')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) => {
      const rows = environmentNames().map((name) => {
        const rec = readRecord(name);
        const problem = environmentProblem(name);
        return { name, state: problem ? (rec ? 'stale' : 'missing') : 'ready', python: rec?.python_version ?? null, dir: envDir(name), description: environmentSpec(name).description, ...(problem ? { problem } : {}) };
      });
      if (o.json) return void process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      for (const r of rows) console.log(`${r.name.padEnd(18)} ${r.state.padEnd(8)} ${r.python ? `Python ${r.python}` : ''}\n  ${r.description}\n  ${r.problem ?? r.dir}`);
    });

  env
    .command('check')
    .description('is the environment built from the current pins, does every preloaded module import, has anything drifted from the lock')
    .argument('<name>', known())
    .option('--json', 'as JSON')
    .action(async (name: string, o: { json?: boolean }) => {
      specOrFail(name);
      const c = await checkEnvironment(name);
      if (o.json) process.stdout.write(JSON.stringify(c, null, 2) + '\n');
      else {
        console.log(`environment ${name}: ${c.ok ? 'ok' : 'NOT OK'}${c.record ? ` (Python ${c.record.python_version}, ${envDir(name)})` : ''}`);
        for (const p of c.problems) console.log(`  problem: ${p}`);
        for (const i of c.imports) console.log(`  ${i.ok ? 'ok  ' : 'FAIL'} ${i.module.padEnd(26)} ${i.ms.toFixed(0).padStart(6)} ms${i.error ? `  ${i.error}` : ''}`);
        for (const d of c.drift.slice(0, 20)) console.log(`  drift: ${d}`);
        if (c.record?.pins_moved.length) console.log(`  pins moved at create time: ${c.record.pins_moved.join('; ')}`);
      }
      if (!c.ok) process.exitCode = 1;
    });
}
