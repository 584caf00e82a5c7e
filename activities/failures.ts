import { ApplicationFailure } from '@temporalio/activity';
import { ModelCallError } from '../models/types';
import { SuiteDataError } from '../eval/suites';
import { RefError, SandboxError } from '../eval/errors';
import { FAILURE } from '../contract/phase';
import { EnvironmentMissingError } from '../environments';

/**
 * Maps our errors onto Temporal failure types the phase workflow acts on: rate limits and
 * exhaustion are handled by the workflow (not retried here), fatal and bad data stop at once,
 * transient ones go through the activity retry policy.
 */
export function asActivityError(e: unknown): unknown {
  if (e instanceof ApplicationFailure) return e;
  if (e instanceof ModelCallError) {
    const nonRetryable = e.failureClass !== 'transient';
    return ApplicationFailure.create({
      type: e.failureClass,
      message: `${e.provider}: ${e.message}`,
      nonRetryable,
      details: [{ retryAfterMs: e.retryAfterMs, httpStatus: e.httpStatus }],
    });
  }
  if (e instanceof SuiteDataError || e instanceof RefError) return ApplicationFailure.create({ type: FAILURE.suiteData, message: e.message, nonRetryable: true });
  // A worker without the suite's environment must not turn a whole phase into error rows: stop it, saying how to fix it.
  if (e instanceof EnvironmentMissingError) return ApplicationFailure.create({ type: FAILURE.fatal, message: `this worker cannot run the units: ${e.message}`, nonRetryable: true });
  if (e instanceof SandboxError) return ApplicationFailure.create({ type: FAILURE.sandbox, message: e.message, nonRetryable: false });
  return e;
}
