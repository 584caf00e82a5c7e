/** Task-id ordering and listing shared by every analysis output. */

const collator = new Intl.Collator('en', { numeric: true });

/** Natural order, so that HumanEval/2 sorts before HumanEval/10; byte order breaks collator ties. */
export function compareIds(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function sortIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)].sort(compareIds);
}

/** `a, b, c ... and 37 more (40 in all)`: long id lists in messages stay readable. */
export function listIds(ids: readonly string[], max = 20): string {
  const shown = ids.slice(0, max).join(', ');
  return ids.length > max ? `${shown} ... and ${ids.length - max} more (${ids.length} in all)` : shown;
}
