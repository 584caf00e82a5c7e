/**
 * Torn lines: what a writer killed mid-write leaves at the end of results.jsonl. Pure helpers
 * (unit-tested) used to inject one and to audit a file afterwards.
 */

/** A strict prefix of `line` that is not valid JSON: cut somewhere inside, never at the end. */
export function tornPrefix(line: string, at: number): string {
  const cut = Math.max(1, Math.min(line.length - 2, Math.floor(at * line.length)));
  return line.slice(0, cut);
}

export interface LineAudit {
  /** Newline-terminated lines. */
  complete: number;
  /** Complete lines that parse as JSON. */
  parsed: number;
  /** Complete lines that do not parse (an isolated torn line becomes one of these). */
  unparsable: number;
  /** Bytes after the last newline (a torn tail not yet isolated by the next append). */
  trailing: string;
}

export function auditLines(text: string): LineAudit {
  const parts = text.split('\n');
  const trailing = parts.pop() ?? '';
  let parsed = 0;
  let unparsable = 0;
  let complete = 0;
  for (const line of parts) {
    if (!line.trim()) continue;
    complete++;
    try {
      JSON.parse(line);
      parsed++;
    } catch {
      unparsable++;
    }
  }
  return { complete, parsed, unparsable, trailing };
}
