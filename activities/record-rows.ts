import { unitKey, type ResultRow } from '../config/results';
import type { PhaseContext } from '../contract/phase';
import { progressWriterFor } from '../progress/writers';
import { logLines } from '../store/run-log';
import { asActivityError } from './failures';
import { resultsIndexOf, rowNote } from './run-unit';

export interface RecordRowsRef {
  ctx: PhaseContext;
  rows: ResultRow[];
}

/**
 * Appends rows that unit activities evaluated elsewhere, on the store queue (the machine that
 * owns the run's files), in one write. Idempotent by unit key: a retried call (its worker died
 * after the append) writes nothing twice; an `error` row is replaced by a scored one, as on
 * every other write path.
 */
export async function recordRows({ ctx, rows }: RecordRowsRef): Promise<{ written: number }> {
  try {
    const idx = await resultsIndexOf(ctx);
    const fresh = rows.filter((r) => {
      const existing = idx.get(unitKey(r));
      return !existing || existing.status === 'error';
    });
    if (fresh.length === 0) return { written: 0 };
    await idx.append(...fresh);
    progressWriterFor(ctx.output_dir).poke();
    await logLines(ctx.output_dir, fresh.map((r) => `${r.phase} ${r.task_id} ${r.arm}#${r.sample} ${rowNote(r)}`));
    return { written: fresh.length };
  } catch (e) {
    throw asActivityError(e);
  }
}
