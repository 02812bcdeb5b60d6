import { ApplicationFailure } from '@temporalio/workflow';
import { RejectedAction } from '../domain/rejection';

/**
 * Runs a domain check inside an Update validator. A RejectedAction becomes a failure the caller
 * reads, and the Update is rejected before anything is written to history.
 */
export function rejectWith(check: () => unknown): void {
  try {
    check();
  } catch (err) {
    if (err instanceof RejectedAction) throw ApplicationFailure.nonRetryable(err.message, 'Rejected');
    throw err;
  }
}
