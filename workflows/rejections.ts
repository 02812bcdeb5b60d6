/**
 * The one path from a refused action to the caller: a RejectedAction (thrown by a domain rule)
 * becomes an ApplicationFailure of type `Rejected`, non-retryable, with its code, sentence key and
 * values in the details; the caller renders the sentence in the reader's language. Thrown in a
 * validator, it rejects the Update before anything is written to history; thrown in a handler, it
 * fails only that Update. Any other error is a bug and is left to fail the task.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import {
  REJECTED_FAILURE_TYPE,
  RejectedAction,
  technicalForm,
  type RefusalDetail,
  type RefusalKey,
  type RefusalValues,
  type RejectionCode,
} from '../domain/rejection';

export function rejectionFailure(
  code: RejectionCode,
  key: RefusalKey,
  values: RefusalValues = {},
): ApplicationFailure {
  return ApplicationFailure.create({
    message: technicalForm(key, values),
    type: REJECTED_FAILURE_TYPE,
    nonRetryable: true,
    details: [{ code, key, values } satisfies RefusalDetail],
  });
}

/** Runs a domain rule; a refusal reaches the caller as a `Rejected` failure. */
export function asCallerFailure<T>(rule: () => T): T {
  try {
    return rule();
  } catch (err) {
    if (err instanceof RejectedAction) throw rejectionFailure(err.code, err.key, err.values);
    throw err;
  }
}

/** For an Update validator: runs the check and discards what it returns. */
export function rejectWith(check: () => unknown): void {
  asCallerFailure(check);
}
