/**
 * What a workflow asks of the mail activity, and what it gets back. Workflows `import type` these;
 * the activity parses the input with the schema, so a bad request fails before anything is sent.
 */
import { z } from 'zod';
import { OneLine, Recipient, TimeZone } from './fields';
import { isCalendarKind, Message, type MessageKind } from './messages';

export const SendMessageInput = z
  .object({
    /** Stable across retries: workflow id + purpose + version, e.g. `hlm-7:invitation:v2`. */
    idempotencyKey: OneLine.pipe(z.string().max(500)),
    message: Message,
    /** One message per recipient, rendered in the recipient's zone. */
    recipients: z.array(Recipient).min(1, 'needs at least one recipient'),
    meetingZone: TimeZone,
    rehearsal: z.boolean().default(false),
    /** The calendar entry's revision: 0 for the first invitation, higher for every change. */
    ics: z.object({ sequence: z.int().nonnegative() }).optional(),
  })
  .superRefine((input, ctx) => {
    const calendar = isCalendarKind(input.message.kind);
    if (calendar && !input.ics) {
      ctx.addIssue({
        code: 'custom',
        path: ['ics'],
        message: `a message of kind ${input.message.kind} needs ics.sequence, so calendars update`,
      });
    }
    if (!calendar && input.ics) {
      ctx.addIssue({
        code: 'custom',
        path: ['ics'],
        message: `a message of kind ${input.message.kind} carries no calendar entry; leave out ics`,
      });
    }
  });
/** What callers pass (defaults may be left out). */
export type SendMessageInput = z.input<typeof SendMessageInput>;
export type SendMessageRequest = z.infer<typeof SendMessageInput>;

export type DeliveryStatus = 'delivered' | 'rejected-permanently';

export interface Delivery {
  email: string;
  name: string;
  status: DeliveryStatus;
  subject: string;
  messageId: string;
  /** The server's reply (or the outbox file written), for the record and for the organizer. */
  serverReply: string;
  /** True when the ledger showed an earlier attempt already settled this recipient. */
  replayed: boolean;
}

export interface SendMessageResult {
  kind: MessageKind;
  deliveries: Delivery[];
}
