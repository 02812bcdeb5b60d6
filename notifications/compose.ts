/** One recipient's copy of a request: rendered in their zone, with its calendar entry if any. */
import type { Recipient } from './fields';
import { calendarInvite } from './ics';
import { isCalendarMessage } from './messages';
import type { OutgoingMail } from './outgoing';
import type { SendMessageRequest } from './request';
import { renderMessage } from './templates';

export interface Envelope {
  messageId: string;
  from: string;
  now: Date;
  /** The List-Id of the workflow that sends, when there is one (see list-id.ts). */
  listId?: string;
}

export function composeMail(
  request: SendMessageRequest,
  recipient: Recipient,
  envelope: Envelope,
): OutgoingMail {
  const { message, rehearsal } = request;
  const rendered = renderMessage(message, { recipient, meetingZone: request.meetingZone, rehearsal });
  const calendar =
    isCalendarMessage(message) && request.ics
      ? calendarInvite(message, { recipient, sequence: request.ics.sequence, rehearsal, now: envelope.now })
      : undefined;
  return {
    messageId: envelope.messageId,
    from: envelope.from,
    to: { name: recipient.name, address: recipient.email },
    date: envelope.now,
    ...rendered,
    calendar,
    headers: {
      // RFC 3834: out-of-office robots should not answer machine mail.
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'OOF, AutoReply',
      'X-Convene-Kind': message.kind,
      ...(envelope.listId ? { 'List-Id': envelope.listId } : {}),
      ...(rehearsal ? { 'X-Convene-Rehearsal': 'yes' } : {}),
    },
  };
}
