/** Requirement-file pins (`name==version`) and how an installed set (`pip freeze`) departs from them. */

export const normalizeName = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');

export function parsePins(text: string): Map<string, { name: string; version: string | null }> {
  const out = new Map<string, { name: string; version: string | null }>();
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line || line.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*(?:==\s*([^\s;,]+))?/.exec(line);
    if (m) out.set(normalizeName(m[1]!), { name: m[1]!, version: m[2] ?? null });
  }
  return out;
}

/** The requirements with every `==` pin loosened to `>=`: what a newer Python resolves when the old pins have no wheels for it. */
export function loosenPins(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?)\s*==\s*([^\s;#]+)/, '$1>=$2'))
    .join('\n');
}

/** 4.15 and 4.15.0 are one release. */
const sameVersion = (a: string, b: string) => a.replace(/(\.0)+$/, '') === b.replace(/(\.0)+$/, '');

/** `name: pinned -> installed` for every pin the installed set does not keep. */
export function movedPins(requirements: string, freeze: string): string[] {
  const installed = parsePins(freeze);
  const moved: string[] = [];
  for (const [key, pin] of parsePins(requirements)) {
    if (!pin.version) continue;
    const got = installed.get(key)?.version ?? 'not installed';
    if (sameVersion(got, pin.version)) continue;
    moved.push(`${pin.name}: ${pin.version} -> ${got}`);
  }
  return moved;
}
