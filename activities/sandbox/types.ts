/** Outcome of running one program (candidate + tests) in the sandbox. */
export type SampleOutcome = 'passed' | 'failed' | 'timeout' | 'error';

export interface SandboxRequest {
  /** Full Python source: candidate code followed by the tests (see program.ts). */
  program: string;
  timeoutMs: number;
  memoryMb?: number;
}

export interface SandboxResult {
  /**
   * passed: tests ran to the end; failed: assertion or exception (exceptionType says which);
   * timeout: wall clock exceeded; error: the sandbox itself broke (never the candidate's fault).
   */
  status: SampleOutcome;
  exceptionType?: string;
  message?: string;
  stdoutTail: string;
  stderrTail: string;
  durationMs: number;
}

export type IsolationMode = 'fork-server' | 'fresh';

export interface Sandbox {
  run(req: SandboxRequest): Promise<SandboxResult>;
  close(): Promise<void>;
}
