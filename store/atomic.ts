import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Write-then-rename: a kill at any instant leaves either the old or the new file, never half of one. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, file);
}

export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

export async function readJsonOr<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw new Error(`${file} is not valid JSON (${(e as Error).message}); fix or remove it`);
  }
}

/**
 * Appends whole lines with one O_APPEND write each, so concurrent writers never interleave
 * inside a line. If the file ends without a newline (a writer was killed mid-line), a newline
 * is written first so the torn line stays isolated and is dropped on read. Returns the byte span
 * the write took when no other writer appended meanwhile (a reader that had read up to `from`
 * may skip to `to` without reading its own lines back), else null.
 */
export async function appendLines(file: string, lines: string[]): Promise<{ from: number; to: number } | null> {
  if (lines.length === 0) return null;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const fh = await fs.open(file, 'a+');
  try {
    const { size } = await fh.stat();
    let prefix = '';
    if (size > 0) {
      const b = Buffer.alloc(1);
      await fh.read(b, 0, 1, size - 1);
      if (b[0] !== 0x0a) prefix = '\n';
    }
    const { bytesWritten } = await fh.write(prefix + lines.map((l) => l + '\n').join(''));
    const after = (await fh.stat()).size;
    return after === size + bytesWritten ? { from: size, to: after } : null;
  } finally {
    await fh.close();
  }
}
