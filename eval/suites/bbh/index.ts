import type { Sample, TaskDef } from '../../types';
import { SuiteDataError } from '../read-data';
import { bbhDataDir, listSubtasks, loadSubtask, parseChoices } from './load';
import { parseBbhOptions } from './options';

export { BBH_SUBTASKS, FREE_FORM_SUBTASKS, type AnswerFormat } from './subtasks';
export type { FewShot, Exemplar } from './cot-prompt';
export { parseChoices } from './load';

/** The reference model's answer: the form the exact-match scorer extracts. */
export const bbhReference = (target: string) => `So the answer is ${target}.`;

/**
 * BIG-Bench Hard: 27 subtasks of one JSON file each plus their 3-shot chain-of-thought prompts.
 * Sample ids are `bbh/<subtask>/<index in its file>`; the subtask is the sample's category.
 */
export const bbhTaskDef: TaskDef = {
  name: 'bbh',
  description: 'BIG-Bench Hard: 27 reasoning subtasks (6,511 examples), 3-shot chain-of-thought prompts; --data DIR or $GAUNTLET_DATA_DIR/bbh',
  solver: 'cot-fewshot',
  scorer: 'exact-match',
  hardenable: false,
  reference: (s) => bbhReference(s.target ?? ''),
  async samples({ data, options }) {
    const dir = bbhDataDir(data);
    const opts = parseBbhOptions(options);
    const present = await listSubtasks(dir);
    if (present.length === 0) throw new SuiteDataError(`suite bbh: ${dir} holds no <subtask>.json files; expected the BBH layout (boolean_expressions.json, ..., cot-prompts/)`);
    const unknown = (opts.subtasks ?? []).filter((s) => !present.includes(s));
    if (unknown.length) throw new SuiteDataError(`suite bbh: unknown subtask(s) ${unknown.join(', ')} (--subtasks / suite.options.subtasks); ${dir} has: ${present.join(', ')}`);
    const out: Sample[] = [];
    for (const name of opts.subtasks ?? present) {
      const st = await loadSubtask(dir, name);
      const end = opts.n_per_subtask !== undefined ? opts.start + opts.n_per_subtask : undefined;
      st.examples.slice(opts.start, end).forEach((ex, i) => {
        const index = opts.start + i;
        const choices = st.format === 'choice' ? parseChoices(ex.input) : undefined;
        out.push({
          id: `bbh/${name}/${index}`,
          input: ex.input,
          target: ex.target,
          metadata: { category: name, index, answer_format: st.format, fewshot: st.fewshot, ...(choices ? { choices } : {}) },
        });
      });
    }
    return out;
  },
};
