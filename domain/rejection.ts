import type { z } from 'zod';
import { issueLines } from './issues';

/**
 * Why an action was refused, as a stable code that callers (CLI, portal, tests, metrics) branch on;
 * the sentence beside it is for the person.
 */
export const REJECTION_CODES = [
  'wrong-actor',
  'wrong-phase',
  'invalid-payload',
  'duplicate',
  'conflict-of-interest',
  'not-found',
  'too-late',
  'conflict',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/** The failure type every refused action carries, in the workflow and on the client side. */
export const REJECTED_FAILURE_TYPE = 'Rejected';

/**
 * An action a workflow refuses: wrong actor, wrong moment or malformed payload. Validators throw it;
 * the message is shown to the person as it is, so it says who may act or what to fix.
 */
export class RejectedAction extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'RejectedAction';
  }
}

/** A schema whose output is T: how workflow code names one without importing zod. */
export type Schema<T> = z.ZodType<T>;

/** Parses an Update payload; the rejection names each field and its rule. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RejectedAction(
    'invalid-payload',
    `${what} is malformed: ${issueLines(result.error.issues, what).join('; ')}`,
  );
}
