/** The environment a suite needs is not built (or is stale) on this machine; the message says the command that fixes it. */
export class EnvironmentMissingError extends Error {
  constructor(
    readonly environment: string,
    message: string,
  ) {
    super(message);
    this.name = 'EnvironmentMissingError';
  }
}

/** Building an environment failed (pip, venv): the log tail says why. */
export class EnvironmentBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentBuildError';
  }
}
