import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS next to bin/gauntlet.js (no types)
import { build, COMPILED_COMMANDS, isFresh } from '../../bin/compiled-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'gauntlet-compiled-'));

describe('compiled CLI entries (bin/compiled-cli.js)', () => {
  it.each([...new Set(Object.values(COMPILED_COMMANDS as Record<string, string>))])('cli/commands/%s.ts bundles, and its inputs list its sources with their mtimes', async (module) => {
    const dir = path.join(tmp(), module);
    await build(module, dir);
    expect(existsSync(path.join(dir, 'entry.js'))).toBe(true);
    const inputs = JSON.parse(readFileSync(path.join(dir, 'inputs.json'), 'utf8')) as Record<string, number>;
    expect(inputs[`cli/commands/${module}.ts`]).toBe(statSync(path.join(ROOT, `cli/commands/${module}.ts`)).mtimeMs);
    expect(inputs['cli/main.ts']).toBeDefined();
    expect(isFresh(path.join(dir, 'inputs.json'))).toBe(true);
  });

  it('refuses a command whose imports use import.meta (paths relative to a source file break in a bundle)', async () => {
    await expect(build('worker', path.join(tmp(), 'worker'))).rejects.toThrow(/use import\.meta/);
  });

  it('is stale once a source changed or vanished, so a bundle never runs old code', () => {
    const d = tmp();
    const f = path.join(d, 'inputs.json');
    const mtime = statSync(path.join(ROOT, 'package.json')).mtimeMs;
    writeFileSync(f, JSON.stringify({ 'package.json': mtime }));
    expect(isFresh(f)).toBe(true);
    writeFileSync(f, JSON.stringify({ 'package.json': mtime - 1 }));
    expect(isFresh(f)).toBe(false);
    writeFileSync(f, JSON.stringify({ 'package.json': mtime, 'cli/no-such-file.ts': 1 }));
    expect(isFresh(f)).toBe(false);
  });
});
