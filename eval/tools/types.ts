import type { ToolDef } from '../../models/chat';
import type { Sandbox } from '../../sandbox';

/** What a tool run returns: the text the model sees, and for a submitting tool the submission that ends the episode. */
export interface ToolOutcome {
  content: string;
  is_error?: boolean;
  /** Set by a tool that ends the episode (submit_code): what the grader receives. */
  submission?: string;
}

export interface ToolEnv {
  sandbox: () => Sandbox;
  heartbeat: (details?: unknown) => void;
}

/** A tool an agentic episode offers: its definition (name, description, JSON Schema) and how it runs. */
export interface Tool {
  def: ToolDef;
  run: (args: Record<string, unknown>, env: ToolEnv) => Promise<ToolOutcome>;
}
