import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { envRecordFile } from './paths';
import type { EnvironmentRecord } from './types';

const RecordSchema = z.object({
  name: z.string(),
  python: z.string(),
  python_version: z.string(),
  requirements_sha256: z.string(),
  requirements_file: z.string(),
  pins_moved: z.array(z.string()),
  created_at: z.string(),
  build_s: z.number(),
});

/** The environment's env.json, or null when it was never (completely) built; a corrupt one counts as not built. */
export function readRecord(name: string): EnvironmentRecord | null {
  const file = envRecordFile(name);
  if (!existsSync(file)) return null;
  try {
    const r = RecordSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
