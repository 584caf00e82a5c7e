import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CUSTOM_IGNORE, findIgnore, IgnoreFileError, loadIgnoreFile, parseIgnoreFile } from '../../hardening/ignore';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gauntlet-ignore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('mutation ignore file', () => {
  it('loads valid entries and matches a mutant by task, operator, line and optional replacement', async () => {
    const file = write('ok.json', JSON.stringify({ ignored: [{ task_id: 'T/1', operator: 'comparison-swap', line: 4, replacement: 'x >= 0', reason: 'x is never 0 here' }] }));
    const entries = await loadIgnoreFile(file);
    const mutant = { operator: 'comparison-swap' as const, start: { line: 4, column: 8 }, replacement: 'x >= 0' };
    expect(findIgnore(entries, 'T/1', mutant)?.reason).toBe('x is never 0 here');
    expect(findIgnore(entries, 'T/1', { ...mutant, replacement: 'x <= 0' })).toBeUndefined();
    expect(findIgnore(entries, 'T/2', mutant)).toBeUndefined();
  });

  it('rejects an entry without a reason, naming the file and the field', async () => {
    const file = write('noreason.json', JSON.stringify({ ignored: [{ task_id: 'T/1', operator: 'return-none', line: 3, reason: '  ' }] }));
    const err = await loadIgnoreFile(file).catch((e) => e);
    expect(err).toBeInstanceOf(IgnoreFileError);
    expect(err.message).toContain(file);
    expect(err.message).toMatch(/ignored\[0\]\.reason: expected a non-empty reason/);
  });

  it('rejects unknown operators and bad lines with the allowed values', () => {
    const doc = { ignored: [{ task_id: 'T/1', operator: 'flip', line: 0, reason: 'r' }] };
    expect(() => parseIgnoreFile(doc, 'x.json')).toThrow(/x\.json: ignored\[0\]\.operator: .*"return-none".*; ignored\[0\]\.line: expected the 1-based line/);
  });

  it('rejects a document without the ignored list, and invalid JSON', async () => {
    expect(() => parseIgnoreFile({ ignore: [] }, 'y.json')).toThrow(/y\.json: .*ignored.*Expected \{"ignored": \[/);
    await expect(loadIgnoreFile(write('broken.json', '{"ignored": ['))).rejects.toThrow(/broken\.json: not valid JSON/);
  });

  it('treats a missing file as empty, and the shipped custom-suite file is valid', async () => {
    expect(await loadIgnoreFile(path.join(dir, 'absent.json'))).toEqual([]);
    const shipped = await loadIgnoreFile(DEFAULT_CUSTOM_IGNORE);
    expect(shipped.every((e) => e.reason.trim().length > 0)).toBe(true);
  });
});
