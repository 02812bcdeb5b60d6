/**
 * The meeting as a calendar entry (iCalendar, RFC 5545/5546). One UID per meeting for its whole
 * life, so a reschedule (same UID, higher SEQUENCE) moves the entry a recipient already has and a
 * cancellation (METHOD:CANCEL) removes it.
 */
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { editionKey, workflowIds } from '../domain/ids';
import type { Contact, RecipientInput } from './fields';
import type { CalendarMessage } from './messages';
import { translator } from '../i18n/catalog';

export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

export interface InviteOptions {
  recipient: RecipientInput;
  sequence: number;
  rehearsal: boolean;
  now: Date;
}

/** `hlm-7@convene`, or `hlm-r7@convene` for a rehearsal, so the two never touch each other. */
export function meetingUid(edition: number, rehearsal: boolean): string {
  return `${workflowIds.cycle(editionKey(edition, rehearsal))}@convene`;
}

/** A Council session's entry is its own (`council-session-2005@convene`), apart from the HLM's. */
function uidOf(message: CalendarMessage, rehearsal: boolean): string {
  if ('session' in message.data) return `${message.data.session.id}@convene`;
  if ('review' in message.data) return `${message.data.review.id}@convene`;
  return meetingUid(message.data.edition.number, rehearsal);
}

/** A cancellation removes the entry; so does a briefer's decline, from that briefer's calendar. */
const CANCELLING_KINDS: ReadonlySet<CalendarMessage['kind']> = new Set([
  'cancellation',
  'council-decline-noted',
  'committee-review-cancelled',
]);

export function calendarInvite(message: CalendarMessage, options: InviteOptions): CalendarPart {
  const { meeting, edition, contact } = message.data;
  const cancel = CANCELLING_KINDS.has(message.kind);
  const method = cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST;
  const t = translator(options.recipient.language);
  const calendar = ical({
    prodId: { company: 'convene', product: 'convene', language: t.base.toUpperCase() },
    method,
  });
  calendar.createEvent({
    id: uidOf(message, options.rehearsal),
    sequence: options.sequence,
    stamp: options.now,
    // UTC, not TZID: without a VTIMEZONE block some clients misread a TZID time, and every client
    // shows a UTC time in its user's own zone anyway.
    start: new Date(meeting.start),
    end: new Date(meeting.end),
    summary: t.t('ics.summary', {
      // A review meeting's title is the catalog's, in the reader's language; a meeting's is its own.
      title: isReview(message) ? t.t('decisions.review.title') : meeting.title,
      rehearsal: options.rehearsal ? 'yes' : 'no',
    }),
    location: meeting.venue,
    description: t.t('ics.description', { edition: edition.title }),
    url:
      message.kind === 'invitation' || message.kind === 'council-invitation'
        ? message.data.detailsUrl
        : undefined,
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: paramSafe(contact.name), email: contact.email },
    attendees: [attendee(options.recipient)],
  });
  return { method, content: calendar.toString() };
}

function isReview(message: CalendarMessage): boolean {
  return message.kind === 'committee-review-invitation' || message.kind === 'committee-review-cancelled';
}

function attendee(recipient: RecipientInput) {
  return {
    name: paramSafe(recipient.name),
    email: recipient.email,
    role: ICalAttendeeRole.REQ,
    status: ICalAttendeeStatus.NEEDSACTION,
    rsvp: true,
  };
}

/**
 * A CN parameter may not contain a double quote (RFC 5545 §3.1); the library escapes it with a
 * backslash, which parsers reject along with the whole line, so quotes become apostrophes.
 */
function paramSafe(name: Contact['name']): string {
  return name.replace(/"/g, "'");
}
