import type { Command } from 'commander';
import { cancelSignal, pauseSignal, resumeSignal } from '../../contract/messages';
import { connectClient, resolveWorkflowId } from '../client';
import { addConnectionFlags, type ConnectionFlags } from '../connection';

const SIGNALS = {
  pause: { def: pauseSignal, help: 'stop dispatching new units (in-flight ones finish)' },
  resume: { def: resumeSignal, help: 'continue a paused run' },
  cancel: { def: cancelSignal, help: 'graceful stop: in-flight units finish, the partial report is written' },
} as const;

export function register(program: Command): void {
  for (const [name, s] of Object.entries(SIGNALS)) {
    addConnectionFlags(program.command(name).description(s.help).argument('<run>', 'run id, workflow id or output directory'))
      .action(async (run: string, o: ConnectionFlags) => {
        const client = await connectClient(o);
        const id = await resolveWorkflowId(run);
        await client.workflow.getHandle(id).signal(s.def);
        process.stderr.write(`${name} sent to ${id}\n`);
      });
  }
}
