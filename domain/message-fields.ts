/**
 * The small field schemas every message is built from. Anything that may reach a mail header
 * (names, titles) is a `OneLine`: control characters, CR and LF included, become spaces, so no
 * value can start a header of its own. Inputs were already checked by the text rule (./text.ts);
 * this is the second line of defence at the mail boundary, for data that was never typed by a
 * person (a server's reply) or was accepted before the rule existed.
 */
import { z } from 'zod';
import { Email } from './addresses';
import { Instant, toOneLine } from './text';
import type { Phrase } from './rejection';

export { Instant, toOneLine };

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

export const Contact = z.object({ name: OneLine, email: Email });
export type Contact = z.infer<typeof Contact>;

export const Edition = z.object({
  number: z.int().positive(),
  /** e.g. "Seventh high-level meeting of the United Nations and regional organizations (2006)" */
  title: OneLine,
  /** A high-level meeting ("HLM 7") or a Security Council meeting with regional organizations, by year ("SC 2005"). */
  series: z.enum(['hlm', 'council']).default('hlm'),
});
export type Edition = z.infer<typeof Edition>;

/**
 * Why a person is on a message's list, so the footer can say so ("you chair …", "you are a delegate
 * of …"). Given per recipient, since one mailing reaches chairs, delegates and focal points at once;
 * `group` names the working group the role is in, where it is one.
 */
export const RecipientRole = z.enum([
  'chair',
  'delegate',
  'member',
  'focal-point',
  'organizer',
  'committee',
  'responsible',
]);
export type RecipientRole = z.infer<typeof RecipientRole>;

/** A sentence as it crosses a boundary (an activity's result, a message's data): a catalog key and its values. */
export const SaidPhrase = z.custom<Phrase>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { phrase?: unknown }).phrase === 'string',
  'must be a sentence of the catalogs (a phrase key and its values)',
);
