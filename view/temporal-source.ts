import type { RunListing, VisibleRun } from '../analysis/list-runs';
import type { RunProgress } from '../contract/messages';

/**
 * What the viewer may learn from Temporal, handed in by the CLI (cli/view-temporal.ts): the view
 * itself knows nothing of Temporal and works without it, from the run files alone.
 */
export interface TemporalSource {
  /** For messages: where Temporal is. */
  readonly address: string;
  /** benchmarkRun executions; throws when Temporal cannot be reached. */
  visibleRuns(dirs: readonly RunListing[]): Promise<VisibleRun[]>;
  /** The run's `progress` query; `problem` says why there is none. */
  progress(workflowId: string): Promise<{ progress: RunProgress | null; problem: string | null }>;
  close(): Promise<void>;
}
