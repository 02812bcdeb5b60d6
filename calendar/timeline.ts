import type { BusinessCalendar } from './business-calendar';
import {
  MILESTONE_KIND,
  MILESTONES,
  Meeting,
  TimelinePolicy,
  type MilestoneName,
  type PlannedMilestone,
  type PlannedTimeline,
  type TimelinePolicyInput,
} from './contracts';
import { parseDuration } from './durations';
import { CalendarError, phrase, parseOrThrow } from './errors';
import { formatInZone, moment } from './format';
import { addDays, isoInZone, isoUtc, shiftBy } from './local-time';
import { meetingTime } from './zones';

export const DEFAULT_TIMELINE_POLICY: TimelinePolicy = TimelinePolicy.parse({});

/**
 * A rehearsal policy: the same shape as `policy`, with every day lasting `secondsPerDay` seconds, so a
 * whole cycle runs in minutes. Business-day snapping is off, since a rehearsal day is not a day.
 */
export function compressTimelinePolicy(policy: TimelinePolicyInput = {}, secondsPerDay = 1): TimelinePolicy {
  const full = parseOrThrow(TimelinePolicy, policy, 'policy');
  const compressed = { ...full, snapToBusinessDays: false };
  for (const name of MILESTONES) {
    const days = parseDuration(full[name], `policy.${name}`).as('days');
    compressed[name] = `PT${Math.max(1, Math.round(days * secondsPerDay))}S`;
  }
  return compressed;
}

/** The meeting as instants (epoch ms) in its zone. */
interface MeetingSpan {
  readonly start: number;
  readonly end: number;
  readonly timeZone: string;
}

/**
 * Every milestone of a preparation cycle as an instant. Deadlines fall at close of business and
 * sendings at the business morning of a business day in the organizer's calendar. A closed day moves
 * a milestone before the meeting EARLIER, so the lead time the policy promises before the meeting is
 * kept, and the outcome report LATER, so the time granted after the meeting is kept.
 */
export function planTimeline(
  request: { meeting: Meeting; policy?: TimelinePolicyInput },
  organizer: BusinessCalendar,
): PlannedTimeline {
  const { start, end, timeZone } = parseOrThrow(Meeting, request.meeting, 'meeting');
  const policy = parseOrThrow(TimelinePolicy, request.policy ?? {}, 'policy');
  const meeting: MeetingSpan = {
    start: meetingTime(start, timeZone, 'The meeting start'),
    end: meetingTime(end, timeZone, 'The meeting end'),
    timeZone,
  };
  if (meeting.end <= meeting.start) {
    throw new CalendarError('calendar.endsBeforeStart', {
      end: moment(meeting.end, timeZone),
      start: moment(meeting.start, timeZone),
    });
  }
  // The organizer's weekend and holidays, on the days as lived where the meeting is held: a Monday
  // morning in Suva is still Sunday in New York, and is a working day.
  if (policy.snapToBusinessDays) assertMeetingOnBusinessDays(meeting, organizer.inZone(timeZone));

  const milestones = MILESTONES.map((name) => planMilestone(name, meeting, policy, organizer));
  assertInOrder(milestones, meeting, policy);
  return {
    meeting: {
      start: isoUtc(meeting.start),
      end: isoUtc(meeting.end),
      timeZone,
      display: formatInZone(meeting.start, timeZone),
    },
    organizerCalendar: organizer.label,
    snappedToBusinessDays: policy.snapToBusinessDays,
    milestones,
  };
}

function planMilestone(
  name: MilestoneName,
  meeting: MeetingSpan,
  policy: TimelinePolicy,
  organizer: BusinessCalendar,
): PlannedMilestone {
  const offset = parseDuration(policy[name], `policy.${name}`);
  const afterMeeting = name === 'outcomeReportDue';
  // Counted in the meeting's zone: "60 days before" a 10:00 meeting is at 10:00, whatever DST does.
  const nominal = afterMeeting
    ? shiftBy(meeting.end, offset, 1, meeting.timeZone)
    : shiftBy(meeting.start, offset, -1, meeting.timeZone);
  const kind = MILESTONE_KIND[name];
  if (!policy.snapToBusinessDays) return milestone(name, kind, nominal, meeting.timeZone, null);

  const nominalDate = organizer.dateOf(nominal);
  const day = afterMeeting
    ? organizer.businessDayOnOrAfter(nominalDate)
    : organizer.businessDayOnOrBefore(nominalDate);
  const at = kind === 'deadline' ? organizer.closeOfBusiness(day.date) : organizer.businessMorning(day.date);
  const moved =
    day.date === nominalDate
      ? null
      : { from: nominalDate, to: day.date, reasons: [...day.skipped], said: [...day.said] };
  return milestone(name, kind, at.getTime(), meeting.timeZone, moved);
}

function milestone(
  name: MilestoneName,
  kind: PlannedMilestone['kind'],
  at: number,
  meetingZone: string,
  moved: PlannedMilestone['moved'],
): PlannedMilestone {
  return {
    name,
    kind,
    at: isoUtc(at),
    inMeetingZone: isoInZone(at, meetingZone),
    display: formatInZone(at, meetingZone),
    moved,
  };
}

/** A high-level meeting is held on working days of its organizer; a date that is not is a mistake. */
function assertMeetingOnBusinessDays(meeting: MeetingSpan, organizer: BusinessCalendar): void {
  const first = organizer.dateOf(meeting.start);
  const last = organizer.dateOf(meeting.end - 1); // a meeting ending at midnight does not touch the next day
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const reason = organizer.closureReason(day);
    if (reason) {
      throw new CalendarError('calendar.meetingOnClosedDay', {
        start: moment(meeting.start, meeting.timeZone),
        organizer: organizer.label,
        reason: organizer.closurePhrase(day) ?? reason,
        before: organizer.previousBusinessDay(day),
        after: organizer.nextBusinessDay(day),
      });
    }
  }
}

/** Each milestone strictly after the previous one, the last sending before the meeting, the report after. */
function assertInOrder(
  milestones: readonly PlannedMilestone[],
  meeting: MeetingSpan,
  policy: TimelinePolicy,
): void {
  const event = (m: PlannedMilestone, relation: 'before' | 'after') => ({
    label: phrase('calendar.event.milestone', { name: m.name, offset: policy[m.name], relation }),
    at: Date.parse(m.at),
  });
  const events = [
    ...milestones.filter((m) => m.name !== 'outcomeReportDue').map((m) => event(m, 'before')),
    { label: phrase('calendar.event.meetingStart'), at: meeting.start },
    { label: phrase('calendar.event.meetingEnd'), at: meeting.end },
    ...milestones.filter((m) => m.name === 'outcomeReportDue').map((m) => event(m, 'after')),
  ];
  for (let i = 1; i < events.length; i++) {
    const [before, after] = [events[i - 1], events[i]];
    if (before && after && before.at >= after.at) {
      throw new CalendarError('calendar.outOfOrder', {
        before: before.label,
        beforeAt: moment(before.at, meeting.timeZone),
        after: after.label,
        afterAt: moment(after.at, meeting.timeZone),
        milestones: MILESTONES.join(', '),
      });
    }
  }
}
