/**
 * What a workflow keeps of the plans the calendar activities make: the cycle's milestones, a
 * group's reminders, the check that the two meetings coincide. The calendar (calendar/contracts.ts)
 * produces these shapes; workflows and clients read them from here, without the time-zone database.
 */
import type { Phrase } from './rejection';

/** Milestones of a preparation cycle, in the order they must happen. */
export const MILESTONES = [
  'callForInputs',
  'inputDeadline',
  'consolidationEnd',
  'commentPeriodEnd',
  'invitations',
  'outcomeReportDue',
] as const;
export type MilestoneName = (typeof MILESTONES)[number];

export interface PlannedMilestone {
  name: MilestoneName;
  kind: 'sending' | 'deadline';
  /** The instant, UTC. */
  at: string;
  /** The same instant with the meeting zone's offset. */
  inMeetingZone: string;
  /** "Friday 21 July 2006, 18:00 New York time (EDT)". */
  display: string;
  /** Set when the policy's date was closed in the organizer's calendar. */
  moved: {
    from: string;
    to: string;
    /** Each closed day skipped, in English. */
    reasons: string[];
    /** The same reasons as phrases of the catalogs, said in the reader's language; absent in older histories. */
    said?: Phrase[];
  } | null;
}

export interface PlannedReminder {
  recipient: string;
  offset: string;
  at: string;
  timeZone: string;
  inRecipientZone: string;
  display: string;
}

export interface Coincidence {
  coincide: boolean;
  /** In English, as it was first recorded. */
  explanation: string;
  /** The same as a catalog sentence, said in each reader's language (absent in older histories). */
  said?: Phrase;
  checkedAt: string;
}
