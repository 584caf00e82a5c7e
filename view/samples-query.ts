import { rowCategory, type ResultRow } from '../config/results';
import type { IndexedRow } from './row-index';

/** The Samples table's filters, as they come from the query string (empty = any). */
export interface SampleFilter {
  phase?: string;
  arm?: string;
  status?: string;
  reason?: string;
  category?: string;
  /** Substring of the task id, case-insensitive. */
  q?: string;
}

export interface SamplePage {
  total: number;
  page: number;
  pages: number;
  size: number;
  rows: ResultRow[];
}

export const FILTER_FIELDS = ['phase', 'arm', 'status', 'reason', 'category'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** The reason a row is listed under: a failed row's reason, an error row's kind. */
export const reasonOf = (r: ResultRow): string | undefined => (r.status === 'error' ? (r.error_kind ?? r.reason) : r.reason);

const valueOf = (r: ResultRow, f: FilterField): string | undefined => (f === 'reason' ? reasonOf(r) : f === 'category' ? rowCategory(r) : r[f]);

/** Filters and pages the index in memory: one pass, no I/O. */
export function querySamples(entries: readonly IndexedRow[], f: SampleFilter, page: number, size: number): SamplePage {
  const q = f.q?.trim().toLowerCase();
  const active = FILTER_FIELDS.filter((k) => f[k]);
  const start = Math.max(0, page - 1) * size;
  const rows: ResultRow[] = [];
  let total = 0;
  for (const e of entries) {
    const r = e.row;
    if (active.some((k) => valueOf(r, k) !== f[k])) continue;
    if (q && !r.task_id.toLowerCase().includes(q)) continue;
    if (total >= start && rows.length < size) rows.push(r);
    total++;
  }
  const pages = Math.max(1, Math.ceil(total / size));
  return { total, page: Math.min(Math.max(1, page), pages), pages, size, rows };
}

/** The values each filter can take, with counts, for the filter menus. */
export function facets(entries: readonly IndexedRow[]): Record<FilterField, [string, number][]> {
  const out = Object.fromEntries(FILTER_FIELDS.map((k) => [k, new Map<string, number>()])) as Record<FilterField, Map<string, number>>;
  for (const e of entries)
    for (const k of FILTER_FIELDS) {
      const v = valueOf(e.row, k);
      if (v !== undefined) out[k].set(v, (out[k].get(v) ?? 0) + 1);
    }
  return Object.fromEntries(FILTER_FIELDS.map((k) => [k, [...out[k]].sort((a, b) => a[0].localeCompare(b[0]))])) as Record<FilterField, [string, number][]>;
}
