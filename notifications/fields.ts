/**
 * The message field schemas (domain/message-fields.ts), plus the one that needs the time-zone
 * database: a recipient, whose zone every time in a message is shown in.
 */
import { z } from 'zod';
import { TimeZone } from '../calendar/zones';
import { Email } from '../domain/organization';
import { OneLine } from '../domain/message-fields';

export * from '../domain/message-fields';
export { Email, TimeZone };

export const Recipient = z.object({ name: OneLine, email: Email, timeZone: TimeZone });
export type Recipient = z.infer<typeof Recipient>;
