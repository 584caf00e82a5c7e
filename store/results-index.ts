import { promises as fs } from 'node:fs';
import { unitKey, type ResultRow } from '../config/results';
import { appendRows, parseResultLine, withoutAnswers } from './results';

/**
 * An in-memory view of one results.jsonl, kept current by reading only what was appended since
 * the last look (other workers may append too). Makes "is this unit already recorded?" cheap,
 * so a retried unit activity returns its recorded row instead of writing a second one.
 */
export class ResultsIndex {
  private offset = 0;
  private partial = '';
  /** Rows without answers: those stay on disk (a 20,000-unit run would hold them all). */
  private readonly rows = new Map<string, ResultRow>();

  private constructor(readonly file: string) {}

  private static readonly open = new Map<string, ResultsIndex>();
  static for(file: string): ResultsIndex {
    let idx = ResultsIndex.open.get(file);
    if (!idx) ResultsIndex.open.set(file, (idx = new ResultsIndex(file)));
    return idx;
  }

  async refresh(): Promise<void> {
    let fh: fs.FileHandle;
    try {
      fh = await fs.open(this.file, 'r');
    } catch {
      return;
    }
    try {
      const { size } = await fh.stat();
      if (size < this.offset) {
        // The file was replaced (a new run in the same place): start over.
        this.offset = 0;
        this.partial = '';
        this.rows.clear();
      }
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

  private ingest(line: string): void {
    // a torn line from a killed writer is dropped, as on every read
    const l = parseResultLine(line);
    if (l.kind === 'row') this.rows.set(unitKey(l.row), withoutAnswers(l.row));
  }

  get(key: string): ResultRow | undefined {
    return this.rows.get(key);
  }

  all(): IterableIterator<ResultRow> {
    return this.rows.values();
  }

  async append(row: ResultRow): Promise<void> {
    await appendRows(this.file, [row]);
    this.rows.set(unitKey(row), withoutAnswers(row));
  }
}
