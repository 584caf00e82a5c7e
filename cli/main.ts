import { Command, CommanderError } from 'commander';
import { CliError } from './errors';

export type CommandModule = { register(program: Command): void };
export type CommandLoader = () => Promise<CommandModule>;

/**
 * `gauntlet`: registers the commands the loaders give, parses argv and turns our errors into one
 * line and an exit code. Shared by cli/index.ts (every command, through tsx) and the compiled
 * entries of bin/compiled-cli.js (one command each).
 */
export async function main(loaders: CommandLoader[], version: string, onlyVersion = false): Promise<void> {
  const program = new Command('gauntlet').description('Durable LLM benchmark runs on Temporal').version(version).showHelpAfterError().exitOverride();
  try {
    if (!onlyVersion) {
      const modules = new Set(await Promise.all(loaders.map((load) => load())));
      for (const m of modules) m.register(program);
    }
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode);
    if (e instanceof CliError) {
      process.stderr.write(`gauntlet: ${e.message}\n`);
      process.exit(e.exitCode);
    }
    const err = e as Error;
    process.stderr.write(`gauntlet: ${err.message}\n`);
    if (process.env.GAUNTLET_DEBUG) process.stderr.write(`${err.stack}\n`);
    process.exit(1);
  }
}
