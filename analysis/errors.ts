/**
 * A problem with what the user handed to an analysis command (a run reference, an id file, an
 * option). The message alone says what was expected and how to fix it, so the CLI prints it
 * without a stack trace.
 */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisError';
  }
}
