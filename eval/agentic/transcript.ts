import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ChatMessage, ToolCall, ToolDef, ToolResultPart } from '../../models/chat';
import { appendLines } from '../../store/atomic';

/**
 * An episode's transcript: one JSON line per event, appended as the episode goes (one O_APPEND
 * write each, so a killed worker leaves at most a torn last line, which is dropped). Workflow
 * history carries only the turn counter; each turn reads the conversation from here.
 */
export type EpisodeRecord =
  | { type: 'start'; system?: string; messages: ChatMessage[]; tools: ToolDef[] }
  | { type: 'model'; turn: number; message: ChatMessage; calls: ToolCall[]; tokens_in: number; tokens_out: number; cost_usd: number; cached: boolean }
  | { type: 'tool'; turn: number; index: number; result: ToolResultPart; submission?: string }
  | { type: 'submission'; code: string; by: string };

export function transcriptFile(outputDir: string, phase: string, unit: number): string {
  return path.join(outputDir, 'episodes', `${phase}-${unit}.jsonl`);
}

export async function readTranscript(file: string): Promise<EpisodeRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: EpisodeRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as EpisodeRecord);
    } catch {
      // a torn line from a killed writer: that step runs again
    }
  }
  return out;
}

export const appendRecord = (file: string, r: EpisodeRecord) => appendLines(file, [JSON.stringify(r)]);

/** The transcript read as an episode: first record of each turn and call wins (a re-run attempt may have appended a twin). */
export class Episode {
  readonly start?: Extract<EpisodeRecord, { type: 'start' }>;
  readonly models = new Map<number, Extract<EpisodeRecord, { type: 'model' }>>();
  readonly tools = new Map<string, Extract<EpisodeRecord, { type: 'tool' }>>();
  readonly submission?: string;

  constructor(records: EpisodeRecord[]) {
    for (const r of records) {
      if (r.type === 'start') this.start ??= r;
      else if (r.type === 'model') {
        if (!this.models.has(r.turn)) this.models.set(r.turn, r);
      } else if (r.type === 'tool') {
        const k = `${r.turn}.${r.index}`;
        if (!this.tools.has(k)) this.tools.set(k, r);
      }
      if (this.submission === undefined) {
        if (r.type === 'submission') this.submission = r.code;
        if (r.type === 'tool' && r.submission !== undefined) this.submission = r.submission;
      }
    }
  }

  static async read(file: string): Promise<Episode> {
    return new Episode(await readTranscript(file));
  }

  tool(turn: number, index: number) {
    return this.tools.get(`${turn}.${index}`);
  }

  /** Model turns completed, and whether the last one's tool calls have all run. */
  get turns(): number {
    return this.models.size;
  }

  get tokens(): { tokens_in: number; tokens_out: number; cost_usd: number; cached: boolean } {
    const ms = [...this.models.values()];
    return {
      tokens_in: ms.reduce((a, m) => a + m.tokens_in, 0),
      tokens_out: ms.reduce((a, m) => a + m.tokens_out, 0),
      cost_usd: ms.reduce((a, m) => a + m.cost_usd, 0),
      cached: ms.length > 0 && ms.every((m) => m.cached),
    };
  }

  get toolCalls(): number {
    return this.tools.size;
  }

  /**
   * The conversation before model turn `turn`: the start, then per earlier turn the assistant
   * message and a user message with its tool results (or a nudge when it called no tool).
   */
  messagesBefore(turn: number): ChatMessage[] {
    if (!this.start) throw new Error('the episode transcript has no start record; startEpisode runs first');
    const out = [...this.start.messages];
    for (let t = 0; t < turn; t++) {
      const m = this.models.get(t);
      if (!m) throw new Error(`the episode transcript lacks model turn ${t} before turn ${turn}`);
      out.push(m.message);
      if (m.calls.length === 0) {
        out.push({ role: 'user', content: NUDGE });
        continue;
      }
      const parts = m.calls.map((_, i) => {
        const r = this.tool(t, i);
        if (!r) throw new Error(`the episode transcript lacks tool result ${i} of turn ${t}`);
        return r.result;
      });
      out.push({ role: 'user', content: parts });
    }
    return out;
  }
}

/** What the model is told after a turn without tool calls (the episode goes on until a submission or a limit). */
export const NUDGE = 'Continue: call a tool, or call submit_code with your complete fix to finish.';
