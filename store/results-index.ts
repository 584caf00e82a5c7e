import { promises as fs } from 'node:fs';
import { unitKey, type ResultRow } from '../config/results';
import { appendRows, parseResultLine, withoutAnswers } from './results';

/** How much of the file's head names it: the meta line (run id, workflow id, start time) comes first. */
const HEAD_BYTES = 4096;

/**
 * An in-memory view of one results.jsonl, kept current by reading only what was appended since
 * the last look (other workers may append too). The file is known by its identity (device,
 * inode and first line): a directory removed and a new run started in the same place is a new
 * file even when the inode number is reused and the new file is longer than the old offset.
 */
class FileIndex {
  private offset = 0;
  private partial = '';
  private identity: string | null = null;
  /** Rows without answers, keyed by run id and unit key: those stay on disk (a 20,000-unit run would hold them all). */
  readonly rows = new Map<string, ResultRow>();

  constructor(readonly file: string) {}

  async refresh(): Promise<void> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.file, 'r');
    } catch {
      this.reset(null); // gone (rm -rf): whatever comes next is another file
      return;
    }
    try {
      const { size, dev, ino } = await fh.stat();
      const head = await firstLine(fh, size);
      // A file whose first line is still being written has no identity yet: read nothing.
      if (head === null) return this.reset(null);
      const identity = `${dev}:${ino}:${head}`;
      if (identity !== this.identity || size < this.offset) this.reset(identity);
      if (size === this.offset) return;
      const buf = Buffer.alloc(size - this.offset);
      await fh.read(buf, 0, buf.length, this.offset);
      this.offset = size;
      const text = this.partial + buf.toString('utf8');
      const lines = text.split('\n');
      this.partial = lines.pop() ?? '';
      for (const line of lines) this.ingest(line);
    } finally {
      await fh.close();
    }
  }

  private reset(identity: string | null): void {
    this.identity = identity;
    this.offset = 0;
    this.partial = '';
    this.rows.clear();
  }

  private ingest(line: string): void {
    // a torn line from a killed writer is dropped, as on every read
    const l = parseResultLine(line);
    if (l.kind === 'row') this.rows.set(runKey(l.row.run_id, unitKey(l.row)), withoutAnswers(l.row));
  }

  async append(rows: ResultRow[]): Promise<void> {
    const span = await appendRows(this.file, rows);
    for (const row of rows) this.rows.set(runKey(row.run_id, unitKey(row)), withoutAnswers(row));
    // Our own lines, right after what this index has read: the next refresh need not parse them back.
    if (span && this.identity !== null && this.partial === '' && span.from === this.offset) this.offset = span.to;
  }
}

const runKey = (runId: string, key: string) => `${runId}\u0000${key}`;

/** The first line of the file (at most HEAD_BYTES), or null while it is incomplete. */
async function firstLine(fh: fs.FileHandle, size: number): Promise<string | null> {
  const n = Math.min(size, HEAD_BYTES);
  const buf = Buffer.alloc(n);
  await fh.read(buf, 0, n, 0);
  const nl = buf.indexOf(0x0a);
  if (nl >= 0) return buf.subarray(0, nl).toString('utf8');
  return n === HEAD_BYTES ? buf.toString('utf8') : null;
}

/**
 * One run's rows in a results.jsonl. Makes "is this unit already recorded?" cheap, so a retried
 * unit activity returns its recorded row instead of writing a second one; rows of another run
 * (a replaced directory, a foreign file) never count as recorded.
 */
export class ResultsIndex {
  private constructor(
    private readonly index: FileIndex,
    readonly runId: string,
  ) {}

  private static readonly open = new Map<string, FileIndex>();
  static for(file: string, runId: string): ResultsIndex {
    let idx = ResultsIndex.open.get(file);
    if (!idx) ResultsIndex.open.set(file, (idx = new FileIndex(file)));
    return new ResultsIndex(idx, runId);
  }

  get file(): string {
    return this.index.file;
  }

  refresh(): Promise<void> {
    return this.index.refresh();
  }

  get(key: string): ResultRow | undefined {
    return this.index.rows.get(runKey(this.runId, key));
  }

  *all(): IterableIterator<ResultRow> {
    for (const r of this.index.rows.values()) if (r.run_id === this.runId) yield r;
  }

  /** Appends rows in one write (a batch from the store queue is one append, not one per row). */
  async append(...rows: ResultRow[]): Promise<void> {
    const foreign = rows.find((r) => r.run_id !== this.runId);
    if (foreign) throw new Error(`row of run ${foreign.run_id} appended through the index of run ${this.runId} (${this.file})`);
    return this.index.append(rows);
  }
}
