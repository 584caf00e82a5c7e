/**
 * Infrastructure faults of the evaluation core (never a wrong answer): the sandbox broke, a
 * suite's environment is missing. Activities map them onto Temporal failure types; everything
 * else a scorer returns is a score.
 */
export class SandboxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SandboxError';
  }
}

/** A Ref (solver, scorer, suite) that names nothing known, or a plugin file that does not load. */
export class RefError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RefError';
  }
}
