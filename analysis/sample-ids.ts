import { readFileSync } from 'node:fs';
import { AnalysisError } from './errors';
import { listIds } from './ids';

/**
 * Sample-id files for `gauntlet run --sample-ids FILE`. Three formats, told apart by the first
 * non-blank character: `{` a fail-set or subset JSON (its `sample_ids`), `[` a JSON list of
 * strings, anything else one id per line (blank lines and `#` comments ignored).
 */
export function parseSampleIdsFile(file: string): string[] {
  // Synchronous: read once at CLI time, before a run starts; the files are small.
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new AnalysisError(`cannot read sample-id file ${file}: ${(e as Error).message}`);
  }
  return parseSampleIds(text, file);
}

export function parseSampleIds(text: string, file: string): string[] {
  const start = text.trimStart()[0];
  const ids = start === '{' || start === '[' ? fromJson(text, file) : fromLines(text, file);
  if (ids.length === 0) throw new AnalysisError(`${file} holds no sample ids (an empty fail set?); there is nothing to select`);
  return [...new Set(ids)];
}

function fromJson(text: string, file: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? `:${text.slice(0, Number(pos[1])).split('\n').length}` : '';
    throw new AnalysisError(`${file}${line}: not valid JSON (${msg}); expected a fail-set JSON, a JSON list of ids, or one id per line`);
  }
  let list: unknown;
  let where: string;
  if (Array.isArray(doc)) {
    list = doc;
    where = '';
  } else {
    list = (doc as { sample_ids?: unknown }).sample_ids;
    where = 'sample_ids';
    if (!Array.isArray(list)) throw new AnalysisError(`${file}: a JSON object needs a "sample_ids" list of task ids (as written by gauntlet fail-set or subset)`);
  }
  return (list as unknown[]).map((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      throw new AnalysisError(`${file}: ${where}[${i}] is ${JSON.stringify(v)}; expected a non-empty task id string such as "HumanEval/0"`);
    }
    return v.trim();
  });
}

function fromLines(text: string, file: string): string[] {
  const ids: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    // A `#` starts a comment at the line start or after whitespace, so ids may still contain `#`.
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    if (/\s/.test(line)) throw new AnalysisError(`${file}:${i + 1}: "${line}" holds whitespace; write one task id per line`);
    ids.push(line);
  });
  return ids;
}

/** The suite's tasks whose ids are listed, in suite order. Ids not in the suite are an error. */
export function selectTasks<T extends { task_id: string }>(tasks: readonly T[], ids: readonly string[], file = 'the sample-id list'): T[] {
  const known = new Set(tasks.map((t) => t.task_id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new AnalysisError(
      `${file}: ${unknown.length} sample id(s) are not in the suite: ${listIds(unknown)}. ` +
        `Check that the file belongs to this suite (and --data file), or regenerate it with gauntlet fail-set / subset`,
    );
  }
  const wanted = new Set(ids);
  return tasks.filter((t) => wanted.has(t.task_id));
}
