/**
 * One way to assert a refused action, as every caller sees it: the client's error class, the
 * failure type `Rejected`, the reason code and the sentence for the person.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { rejectionOf as productionRejectionOf, refusalSentence } from '../../clients/rejections';
import { REJECTED_FAILURE_TYPE, RejectedAction, type RejectionCode } from '../../domain/rejection';
import { translator } from '../../i18n/catalog';

export interface SeenRejection {
  code: string;
  message: string;
}

/**
 * The refusal an Update came back with, its sentence rendered as the CLI and the portal render it
 * (English unless `language` says otherwise); fails the test if it succeeded or failed otherwise.
 */
export async function rejectionOf(update: Promise<unknown>, language = 'en'): Promise<SeenRejection> {
  let caught: unknown;
  try {
    await update;
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) throw new Error('the Update was not rejected');
  if (!(caught instanceof WorkflowUpdateFailedError))
    throw caught instanceof Error ? caught : new Error(JSON.stringify(caught));
  const cause = caught.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== REJECTED_FAILURE_TYPE) {
    throw new Error(`the Update failed, but was not refused: ${cause?.message ?? caught.message}`);
  }
  const code = (cause.details?.[0] as { code?: string } | undefined)?.code ?? '(no code)';
  return { code, message: productionRejectionOf(caught, translator(language))!.message };
}

/** Asserts the Update was refused with this code, and its sentence matches `message`. */
export async function expectRejected(
  update: Promise<unknown>,
  code: RejectionCode,
  message?: RegExp | string,
): Promise<SeenRejection> {
  const seen = await rejectionOf(update);
  expect(seen.code).toBe(code);
  if (message !== undefined) expect(seen.message).toMatch(message);
  return seen;
}

/** The sentence a domain rule refuses with, as a reader of `language` reads it (no Temporal involved). */
export function refusalOfRule(rule: () => unknown, language = 'en'): SeenRejection {
  try {
    rule();
  } catch (err) {
    if (!(err instanceof RejectedAction)) throw err;
    return { code: err.code, message: refusalSentence(err.key, err.values, translator(language)) };
  }
  throw new Error('the rule did not refuse');
}
