import { promises as fs } from 'node:fs';
import { unitKey, type ResultRow } from '../config/results';
import { parseResultLine, readFileRange, scanResultLines, withoutAnswers, type ResultsMeta } from '../store/results';

/** A row as the index keeps it: without its answer and tails, and where its full line is on disk. */
export interface IndexedRow {
  row: ResultRow;
  offset: number;
  bytes: number;
}

/**
 * An index of one results.jsonl, built on first open and then kept current by reading only the
 * bytes appended since (a live run grows its file). Rows are kept without answers (a 100,000-row
 * run would otherwise hold its whole file in memory); a sample page re-reads its one line by byte
 * offset. Duplicates by unit key collapse as in store/results.ts: the last write wins and takes
 * the place of the latest write in the order.
 */
export class RowIndex {
  private end = 0;
  private inode = -1;
  private slots: (IndexedRow | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  /** A last line without its newline: counted as the file reader counts it, re-read next time. */
  private tail: { entry: IndexedRow | null; invalid: boolean } | null = null;
  private alive: IndexedRow[] | null = null;
  meta: ResultsMeta | null = null;
  skippedLines = 0;
  duplicates = 0;
  /** Bumps whenever the rows change: caches of derived data key on it. */
  version = 0;

  constructor(readonly file: string) {}

  async refresh(): Promise<void> {
    const st = await fs.stat(this.file).catch(() => null);
    if (!st) {
      if (this.end > 0 || this.tail) this.reset();
      return;
    }
    // A replaced file (a new run in the same place) or a truncated one: start over.
    if (st.ino !== this.inode || st.size < this.end) this.reset();
    this.inode = st.ino;
    if (st.size === this.end && !this.tail) return;
    const before = this.version;
    this.tail = null;
    const { end } = await scanResultLines(this.file, this.end, (line, offset, bytes) => this.ingest(line, offset, bytes));
    this.end = end;
    if (st.size > end) this.tail = await this.readTail(end, st.size);
    if (this.version === before) this.version++;
    this.alive = null;
  }

  private reset(): void {
    this.end = 0;
    this.slots = [];
    this.slotOf.clear();
    this.tail = null;
    this.meta = null;
    this.skippedLines = 0;
    this.duplicates = 0;
    this.alive = null;
    this.version++;
  }

  private ingest(line: string, offset: number, bytes: number): void {
    const l = parseResultLine(line);
    if (l.kind === 'meta') this.meta ??= l.meta;
    else if (l.kind === 'invalid') this.skippedLines++;
    else if (l.kind === 'row') {
      const k = unitKey(l.row);
      const prev = this.slotOf.get(k);
      if (prev !== undefined) {
        this.duplicates++;
        this.slots[prev] = null;
      }
      this.slotOf.set(k, this.slots.length);
      this.slots.push({ row: withoutAnswers(l.row), offset, bytes });
      this.version++;
    }
  }

  private async readTail(from: number, size: number): Promise<RowIndex['tail']> {
    const text = await readFileRange(this.file, from, size - from);
    const l = parseResultLine(text);
    if (l.kind === 'row') return { entry: { row: withoutAnswers(l.row), offset: from, bytes: size - from }, invalid: false };
    return l.kind === 'invalid' ? { entry: null, invalid: true } : null;
  }

  /** Live rows in file order (one per unit key). */
  entries(): readonly IndexedRow[] {
    if (!this.alive) {
      const out = this.slots.filter((s): s is IndexedRow => s !== null);
      const t = this.tail?.entry;
      if (t) {
        const prev = this.slotOf.get(unitKey(t.row));
        this.alive = prev !== undefined ? [...out.filter((e) => e !== this.slots[prev]), t] : [...out, t];
      } else this.alive = out;
    }
    return this.alive;
  }

  rows(): ResultRow[] {
    return this.entries().map((e) => e.row);
  }

  /** What the file reader would report: torn lines skipped, duplicates collapsed. */
  stats(): { skipped_lines: number; duplicates: number } {
    const t = this.tail;
    const tailDup = t?.entry && this.slotOf.has(unitKey(t.entry.row)) ? 1 : 0;
    return { skipped_lines: this.skippedLines + (t?.invalid ? 1 : 0), duplicates: this.duplicates + tailDup };
  }

  find(key: string): IndexedRow | undefined {
    const t = this.tail?.entry;
    if (t && unitKey(t.row) === key) return t;
    const slot = this.slotOf.get(key);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  /** The full row (answer and tails included), re-read from its line. */
  async fullRow(e: IndexedRow): Promise<ResultRow | null> {
    const l = parseResultLine(await readFileRange(this.file, e.offset, e.bytes));
    return l.kind === 'row' ? l.row : null;
  }
}
