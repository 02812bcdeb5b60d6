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
  type RefusalValues,
  type RejectionCode,
} from '../domain/rejection';
import { issueLine } from './issues';
import { isMessageKey, translator, type MessageKey, type Translator, type Values } from '../i18n/catalog';

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
export function refusalSentence(key: MessageKey, values: RefusalValues, reader: Translator): string {
  const rendered: Values = {};
  for (const [name, value] of Object.entries(values)) rendered[name] = renderValue(value, reader);
  return reader.t(key, rendered);
}

function renderValue(value: RefusalValues[string], reader: Translator): string | number {
  if (typeof value !== 'object' || value === null) return value;
  if ('issues' in value && Array.isArray(value.issues))
    return value.issues.map((issue) => issueLine(issue, reader)).join('; ');
  if ('anyOf' in value && Array.isArray(value.anyOf)) {
    const each = value.anyOf.map((p) => renderValue(p, reader));
    return new Intl.ListFormat(reader.locale, { type: 'disjunction' }).format(each.map(String));
  }
  if ('phrase' in value && isMessageKey(value.phrase)) return reader.t(value.phrase, value.values ?? {});
  return JSON.stringify(value); // a shape this client does not know: shown, not lost
}
