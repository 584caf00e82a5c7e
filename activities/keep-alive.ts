import { Context } from '@temporalio/activity';
import { LIFECYCLE_HEARTBEAT_S } from '../contract/lifecycle-timeouts';

/**
 * Heartbeats every `everyMs` until stopped (the SDK throttles what it sends to the server), with
 * `details()` when given: the server keeps only the last heartbeat's details, so a keep-alive tick
 * must repeat them rather than erase them.
 */
export function startHeartbeat(everyMs: number, details?: () => unknown): { stop(): void } {
  const ctx = Context.current();
  const t = setInterval(() => ctx.heartbeat(details?.()), Math.max(200, everyMs));
  return { stop: () => clearInterval(t) };
}

/**
 * Fault injection for the chaos suite and the crash tests: `GAUNTLET_FAULT_HOLD=finalizeRun,planPhase`
 * makes the first attempt of those activities announce itself on stderr and hold (heartbeating)
 * for up to a minute, so a harness can SIGKILL the worker while the activity is certainly running.
 * An activity that holds at a point of its own work names the step too: `episodeModelTurn#3`
 * holds turn 3 of each episode after the model's answer is in the response cache and before the
 * turn is recorded (activities/episode.ts).
 */
const HOLD_MAX_MS = 60_000;
function holdListed(name: string, step?: string): boolean {
  const listed = (process.env.GAUNTLET_FAULT_HOLD ?? '').split(',').map((s) => s.trim());
  return listed.includes(step === undefined ? name : `${name}#${step}`);
}

export async function faultHold(name: string, step?: string): Promise<void> {
  if (!process.env.GAUNTLET_FAULT_HOLD) return;
  const ctx = Context.current();
  if (!holdListed(name, step) || ctx.info.attempt !== 1) return;
  const what = step === undefined ? name : `${name}#${step}`;
  process.stderr.write(`gauntlet fault hold: ${what} attempt 1 is running and holds for up to ${HOLD_MAX_MS / 1000} s (GAUNTLET_FAULT_HOLD)\n`);
  await ctx.sleep(HOLD_MAX_MS).catch(() => undefined); // cancellation ends the hold early
}

/** Wraps an activity so it heartbeats for as long as its promise runs. */
export function keepAlive<A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  const wrapped = async (...args: A): Promise<R> => {
    const hb = startHeartbeat((LIFECYCLE_HEARTBEAT_S * 1000) / 5);
    try {
      await faultHold(name);
      return await fn(...args);
    } finally {
      hb.stop();
    }
  };
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}
