import type { z } from 'zod';
import type { MessageKey } from '../i18n/catalog';
import { issueDetails, type IssueDetail } from './issues';

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

/**
 * The failure type of a calendar rule the caller broke (activities/calendar.ts); its first detail is
 * the sentence as a Phrase, which a workflow may put in a refusal.
 */
export const CALENDAR_FAILURE_TYPE = 'CalendarError';

/** The failure type every refused action carries, in the workflow and on the client side. */
export const REJECTED_FAILURE_TYPE = 'Rejected';

/** A refusal's sentence: a `refusal.*` message of the catalogs. */
export type RefusalKey = Extract<MessageKey, `refusal.${string}`>;

/** A phrase inside a sentence, itself from the catalogs: what the person tried, a phase's name. */
export interface Phrase {
  phrase: MessageKey;
  values?: RefusalValues;
}

/** Phrases of which any one would do ("planning or invitations"), joined as the reader's language joins them. */
export interface PhraseChoice {
  anyOf: Phrase[];
}

/**
 * The problems a schema found, one per field and rule, each rendered in the reader's language:
 * joined with "; " in a sentence, or one `  - ` line each under it.
 */
export interface IssueList {
  issues: IssueDetail[];
  asLines?: true;
}

/** Sentences one under another ("refused: …" for each decision of a file), each from the catalogs. */
export interface PhraseLines {
  lines: Phrase[];
}

/**
 * What fills a refusal's sentence (or any sentence that travels as key and values, such as the
 * CLI's UserError): text as people wrote it (a title, an address) or an identifier, a number, a
 * phrase, a choice of phrases, lines of phrases, or a schema's problems.
 */
/**
 * An instant in a zone, said as the reader reads times (i18n/dates); `shown` is its English, for
 * the technical message of whoever built it without the catalogs.
 */
export interface Moment {
  at: string;
  zone: string;
  shown: string;
}

export type RefusalValues = Record<
  string,
  string | number | Phrase | PhraseChoice | IssueList | PhraseLines | Moment
>;

export function phrase(key: MessageKey, values?: RefusalValues): Phrase {
  return values ? { phrase: key, values } : { phrase: key };
}

export function anyOf(phrases: Phrase[]): PhraseChoice {
  return { anyOf: phrases };
}

/** A refusal as it travels from the workflow to the person: code, sentence key and what fills it. */
export interface RefusalDetail {
  code: RejectionCode;
  key: RefusalKey;
  values: RefusalValues;
}

/**
 * An action a workflow refuses: wrong actor, wrong moment or malformed payload. Validators throw it.
 * It carries no sentence of its own: the caller renders `key` with `values` in the reader's language
 * (clients/rejections.ts), so that the workflow bundle holds no catalogs. Its `message` is the
 * technical form, for logs and the Temporal Web UI.
 */
export class RejectedAction extends Error {
  constructor(
    readonly code: RejectionCode,
    readonly key: RefusalKey,
    readonly values: RefusalValues = {},
  ) {
    super(technicalForm(key, values));
    this.name = 'RejectedAction';
  }
}

/** `refusal.onlyOrganizers {"organizers":"…","you":"…"}`: the key and its values, unrendered. */
export function technicalForm(key: string, values: RefusalValues): string {
  return Object.keys(values).length ? `${key} ${JSON.stringify(values)}` : key;
}

/** A schema whose output is T: how workflow code names one without importing zod. */
export type Schema<T> = z.ZodType<T>;

/** Parses an Update payload; the rejection names each field and its rule. */
export function parsePayload<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RejectedAction('invalid-payload', 'refusal.malformed', {
    what,
    problems: { issues: issueDetails(result.error.issues, what, value) },
  });
}
