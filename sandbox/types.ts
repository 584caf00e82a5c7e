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
  /**
   * CPU-time limit of the whole sample (RLIMIT_CPU, whole seconds, rounded up); default a
   * backstop just above the wall clock. Suites whose limits must not depend on machine load
   * give a CPU limit and a more generous wall clock.
   */
  cpuTimeoutMs?: number;
  /**
   * `__name__` the program runs under; default `__gauntlet_program__` (as in human-eval and
   * EvalPlus, a candidate's `if __name__ == "__main__":` demo block does not run).
   */
  moduleName?: string;
}

/**
 * Which limit ended a sample: the wall clock, the CPU time (RLIMIT_CPU), the address space
 * (a MemoryError), or a time limit that the tests themselves enforce per test (the program
 * raised an exception of a class named `SandboxTimeLimit`, see evalplus_oracle.py).
 */
export type SandboxLimit = 'wall' | 'cpu' | 'memory' | 'test';

export interface SandboxResult {
  /**
   * passed: tests ran to the end; failed: assertion or exception (exceptionType says which; also
   * `EarlyExit` when the program ended before the tests did, `Killed` on a fatal signal);
   * timeout: wall clock, CPU time, or a per-test time limit exceeded (`limit` says which); error: the sandbox itself broke
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
  /** CPU seconds (user + system) of the sample's process and its reaped children, in ms. */
  cpuMs?: number;
  /** Set when a limit ended the sample (timeout, or failed with a MemoryError). */
  limit?: SandboxLimit;
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
  /** Fork server in an environment: the environment's modules it preloaded, and those that failed to import. */
  preload?: { ok: string[]; failed: string[] };
}

export interface Sandbox {
  run(req: SandboxRequest): Promise<SandboxResult>;
  close(): Promise<void>;
  /** Starts the Python side if needed and says which protections are active. */
  info?(): Promise<SandboxInfo>;
}
