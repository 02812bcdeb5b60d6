/**
 * The message field schemas (domain/message-fields.ts), plus the one that needs the time-zone
 * database: a recipient, whose zone every time in a message is shown in, and whose language it is
 * written in.
 */
import { z } from 'zod';
import { TimeZone } from '../calendar/zones';
import { DEFAULT_LANGUAGE, Language } from '../domain/language';
import { Email } from '../domain/organization';
import { OneLine, RecipientRole } from '../domain/message-fields';

export * from '../domain/message-fields';
export { Email, TimeZone };

export const Recipient = z.object({
  name: OneLine,
  email: Email,
  timeZone: TimeZone,
  /** The catalog and date style the copy is written in. */
  language: Language.default(DEFAULT_LANGUAGE),
  /** Why they receive it; absent, the message's own default reason (see templates/reason.ts). */
  role: RecipientRole.optional(),
  /** The working group their role is in (a chair's, a delegate's, a member's). */
  group: OneLine.optional(),
});
export type Recipient = z.infer<typeof Recipient>;
/** A recipient as callers may give one: without a language, English. */
export type RecipientInput = z.input<typeof Recipient>;
