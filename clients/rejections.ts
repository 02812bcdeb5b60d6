/**
 * How a client tells a refused action (a `Rejected` failure with its reason code) from any other
 * failure of an Update: an activity that failed, a workflow task that broke, a timeout.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REJECTED_FAILURE_TYPE, REJECTION_CODES, type RejectionCode } from '../domain/rejection';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** The refusal an Update came back with, or undefined when it failed for another reason. */
export function rejectionOf(err: unknown): Rejection | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== REJECTED_FAILURE_TYPE) return undefined;
  const detail = cause.details?.[0] as { code?: unknown } | undefined;
  const code = REJECTION_CODES.find((c) => c === detail?.code) ?? 'invalid-payload';
  return { code, message: cause.message };
}
