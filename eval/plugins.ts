import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RefError } from './errors';

/**
 * A Ref names a solver, scorer or suite: a built-in name (`baseline`, `exec-tests`, `humaneval`)
 * or a user's module export, `./file.ts#name` (also .js/.mjs; `#default` when the hash is left
 * out). Files are loaded by the worker (workers run TypeScript through tsx), so relative paths
 * are made absolute by the CLI against the directory it was started in.
 */
export type Ref = { kind: 'builtin'; name: string } | { kind: 'file'; file: string; exportName: string };

const FILE_REF = /^(?<file>.+\.(?:ts|mts|js|mjs))(?:#(?<name>[A-Za-z_$][\w$]*))?$/;

export function parseRef(ref: string): Ref {
  const m = FILE_REF.exec(ref.trim());
  if (m?.groups) return { kind: 'file', file: m.groups.file!, exportName: m.groups.name ?? 'default' };
  return { kind: 'builtin', name: ref.trim() };
}

export function isFileRef(ref: string): boolean {
  return parseRef(ref).kind === 'file';
}

/** The ref with its file made absolute against `cwd` (built-in names are returned as they are). */
export function absoluteRef(ref: string, cwd = process.cwd()): string {
  const r = parseRef(ref);
  if (r.kind === 'builtin') return ref;
  return `${path.resolve(cwd, r.file)}#${r.exportName}`;
}

const modules = new Map<string, Promise<Record<string, unknown>>>();

/** The export a file Ref names, loaded once per worker process (edit a plugin: restart the worker). */
export async function loadExport(ref: Extract<Ref, { kind: 'file' }>, what: string): Promise<unknown> {
  const file = path.resolve(ref.file);
  if (!existsSync(file)) throw new RefError(`${what} ${file}#${ref.exportName}: the file does not exist (paths in a Ref are relative to where \`gauntlet run\` was started)`);
  let mod = modules.get(file);
  if (!mod) {
    mod = import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;
    mod.catch(() => modules.delete(file));
    modules.set(file, mod);
  }
  let m: Record<string, unknown>;
  try {
    m = await mod;
  } catch (e) {
    throw new RefError(`${what} ${file}: the module failed to load: ${(e as Error).message}`);
  }
  if (!(ref.exportName in m)) {
    const names = Object.keys(m).filter((k) => k !== '__esModule');
    throw new RefError(`${what} ${file}#${ref.exportName}: the module has no export "${ref.exportName}"; it exports ${names.length ? names.join(', ') : 'nothing'}`);
  }
  return m[ref.exportName];
}
