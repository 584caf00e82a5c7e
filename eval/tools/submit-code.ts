import type { Tool } from './types';

/** Ends the episode: the code goes to the suite's grader after the episode. */
export const submitCode: Tool = {
  def: {
    name: 'submit_code',
    description: 'Submits your final code (a complete Python module) to the grader and ends the episode. Call it once.',
    parameters: { type: 'object', properties: { code: { type: 'string', description: 'the complete fixed module' } }, required: ['code'] },
  },
  async run(args) {
    const code = String(args.code);
    return { content: `Submitted ${code.length} characters; the grader runs them after the episode.`, submission: code };
  },
};
