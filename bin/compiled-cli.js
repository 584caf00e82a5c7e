// Compiled entries for the commands a user runs often and wants at once (`gauntlet status`):
// one ESM bundle per command (our TypeScript only; packages stay external), built by esbuild into
// node_modules/.cache/gauntlet-cli and rebuilt when any of its sources changed, so running
// without tsx is never running stale code. Everything else goes through tsx (bin/gauntlet.js).
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = path.join(ROOT, 'node_modules/.cache/gauntlet-cli');

/**
 * Command name -> its module under cli/commands. Only modules whose import graph has no
 * `import.meta` (paths relative to a source file do not survive bundling): the build checks.
 */
export const COMPILED_COMMANDS = { status: 'status', show: 'show', runs: 'runs', pause: 'control', resume: 'control', cancel: 'control' };

/** The entry a command's bundle runs, or null when it cannot be built (then tsx serves). */
export async function compiledEntry(command) {
  const module = COMPILED_COMMANDS[command];
  if (!module) return null;
  const dir = path.join(CACHE, module);
  const entry = path.join(dir, 'entry.js');
  if (isFresh(path.join(dir, 'inputs.json'))) return entry;
  try {
    await build(module, dir);
    return entry;
  } catch (e) {
    if (process.env.GAUNTLET_DEBUG) process.stderr.write(`gauntlet: no compiled entry for ${command} (${e.message}); running through tsx\n`);
    return null;
  }
}

/** Every source the bundle was built from still has the mtime it had then. */
export function isFresh(inputsFile) {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
    return Object.entries(inputs).every(([f, mtime]) => statSync(path.join(ROOT, f)).mtimeMs === mtime);
  } catch {
    return false;
  }
}

export async function build(module, dir) {
  const esbuild = await import('esbuild');
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const r = await esbuild.build({
    stdin: {
      contents: `import { main } from './cli/main.ts';\nimport * as m from './cli/commands/${module}.ts';\nawait main([async () => m], ${JSON.stringify(version)});\n`,
      resolveDir: ROOT,
      sourcefile: `compiled-${module}.ts`,
      loader: 'ts',
    },
    entryNames: 'entry',
    bundle: true,
    splitting: true, // the command's lazy imports (the Temporal client) stay lazy
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: tmp,
    metafile: true,
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  const sources = Object.keys(r.metafile.inputs).filter((f) => !f.startsWith('compiled-'));
  const relative = sources.filter((f) => /\bimport\.meta\b/.test(readFileSync(path.join(ROOT, f), 'utf8')));
  if (relative.length) throw new Error(`cli/commands/${module}.ts imports ${relative.join(', ')}, which use import.meta (not valid in a bundle); take it out of COMPILED_COMMANDS or those files out of its imports`);
  const inputs = Object.fromEntries([...sources, 'package.json'].map((f) => [f, statSync(path.join(ROOT, f)).mtimeMs]));
  writeFileSync(path.join(tmp, 'inputs.json'), JSON.stringify(inputs));
  mkdirSync(CACHE, { recursive: true });
  // Another process may have built the same sources meanwhile: keep its build, which may be in use.
  if (isFresh(path.join(dir, 'inputs.json'))) return rmSync(tmp, { recursive: true, force: true });
  // Swapped in by renames: a reader sees the old build or the new one, never a half-written one.
  const old = `${dir}.old-${process.pid}`;
  try {
    renameSync(dir, old);
  } catch {
    // none yet
  }
  try {
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (!isFresh(path.join(dir, 'inputs.json'))) throw e;
  }
  rmSync(old, { recursive: true, force: true });
}

export const entryUrl = (file) => pathToFileURL(file).href;
