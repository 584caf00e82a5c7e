/** Outcome of running one program (candidate + tests) in the sandbox. */
export type SampleOutcome = 'passed' | 'failed' | 'timeout' | 'error';

export interface SandboxRequest {
  /** Full Python source: candidate code followed by the tests (see program.ts). */
  program: string;
  /** Wall clock for the sample; see defaultTimeoutMs(). */
  timeoutMs: number;
  /** Address-space limit (RLIMIT_AS) of the sample; default 1024. */
  memoryMb?: number;
  /** Processes + threads the sample may have at once (RLIMIT_NPROC on its own uid); default 64. */
  maxProcesses?: number;
}

export interface SandboxResult {
  /**
   * passed: tests ran to the end; failed: assertion or exception (exceptionType says which; also
   * `EarlyExit` when the program ended before the tests did, `Killed` on a fatal signal);
   * timeout: wall clock (or the CPU-time backstop) exceeded; error: the sandbox itself broke
   * (never the candidate's fault).
   */
  status: SampleOutcome;
  exceptionType?: string;
  message?: string;
  stdoutTail: string;
  stderrTail: string;
  /** Total bytes the program wrote, of which the tails keep the end. */
  stdoutBytes?: number;
  stderrBytes?: number;
  durationMs: number;
}

export type IsolationMode = 'fork-server' | 'fresh';

/** Which protections the platform allowed (reported by the Python side at start). */
export interface SandboxInfo {
  mode: IsolationMode;
  /** Pid of the Python server process that answered (fork-server: the long-lived one). */
  pid: number;
  python: string;
  pythonVersion: string;
  isolation: {
    /** Samples run in a network namespace without interfaces. */
    network: boolean;
    /** Private /tmp, /var/tmp, /dev/shm; directories like /root hidden. */
    mounts: boolean;
    /** Each sample runs as its own unprivileged uid (RLIMIT_NPROC binds, stray processes are killed). */
    uidDrop: boolean;
    /** Why a protection is missing. */
    notes: string[];
  };
}

export interface Sandbox {
  run(req: SandboxRequest): Promise<SandboxResult>;
  close(): Promise<void>;
  /** Starts the Python side if needed and says which protections are active. */
  info?(): Promise<SandboxInfo>;
}
