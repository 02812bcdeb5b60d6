/**
 * How a client tells a refused action (a `Rejected` failure with its reason code) from any other
 * failure of an Update — an activity that failed, a workflow task that broke, a timeout — and turns
 * it into the sentence the person reads, in their language.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  REJECTED_FAILURE_TYPE,
  REJECTION_CODES,
  type RefusalDetail,
  type RejectionCode,
} from '../domain/rejection';
import { isMessageKey, translator, type Translator } from '../i18n/catalog';
import { sentence as refusalSentence } from './sentences';

export interface Rejection {
  code: RejectionCode;
  /** The sentence for the person, in the language `rejectionOf` was given (English by default). */
  message: string;
  /** The same sentence for another reader. */
  readonly sentence: (reader: Translator) => string;
}

/** The refusal an Update came back with, or undefined when it failed for another reason. */
export function rejectionOf(err: unknown, reader: Translator = translator('en')): Rejection | undefined {
  if (!(err instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== REJECTED_FAILURE_TYPE) return undefined;
  const detail = cause.details?.[0] as Partial<RefusalDetail> | undefined;
  const code = REJECTION_CODES.find((c) => c === detail?.code) ?? 'invalid-payload';
  // A failure without a known key (from a worker older than the catalogs) keeps its own sentence.
  const key = detail?.key;
  const sentence = isMessageKey(key)
    ? (r: Translator) => refusalSentence(key, detail?.values ?? {}, r)
    : () => cause.message;
  return { code, message: sentence(reader), sentence };
}

/** A refusal's sentence in the reader's language, its phrases rendered first. */
export { refusalSentence };
