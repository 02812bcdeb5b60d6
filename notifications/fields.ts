/**
 * The small field schemas every message is built from. Anything that may reach a mail header
 * (names, titles) is a `OneLine`: control characters, CR and LF included, become spaces, so no
 * value can start a header of its own.
 */
import { z } from 'zod';
import { TimeZone } from '../calendar/zones';
import { Email } from '../domain/organization';

const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]+/gu;

/** Collapses control characters (CR, LF, TAB, NUL…) into single spaces. */
export function toOneLine(value: string): string {
  return value.replace(CONTROL_CHARACTERS, ' ').replace(/ {2,}/g, ' ').trim();
}

export const OneLine = z
  .string()
  .transform(toOneLine)
  .pipe(z.string().min(1, 'must not be empty').max(1000, 'must be at most 1,000 characters'));

/** Text we only pass on (a server's reply): made one line and cut short, never refused. */
export const Echo = z.string().transform((value) => toOneLine(value).slice(0, 1000));

/** Free text written by a person (comments, reasons); paragraphs are separated by blank lines. */
export const Prose = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(10_000, 'must be at most 10,000 characters');

/** Only web links: a `javascript:` or `data:` URL never becomes a button. */
export const WebLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** An instant with its offset, as it crosses the workflow boundary (JSON has no Date). */
export const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO-8601 date-time with offset, e.g. 2006-09-22T10:00:00-04:00',
});

export { Email, TimeZone };

export const Contact = z.object({ name: OneLine, email: Email });
export type Contact = z.infer<typeof Contact>;

export const Recipient = z.object({ name: OneLine, email: Email, timeZone: TimeZone });
export type Recipient = z.infer<typeof Recipient>;

export const Edition = z.object({
  number: z.int().positive(),
  /** e.g. "Seventh high-level meeting of the United Nations and regional organizations (2006)" */
  title: OneLine,
});
export type Edition = z.infer<typeof Edition>;
