/**
 * When the Security Council moves its meeting, the nearest dates at which the high-level meeting
 * coincides with it again: the meeting moved by whole days in its own zone (the same local hours
 * and length), the nearest first, on a day the timeline can be planned for (a business day when the
 * policy snaps to them), never before `notBefore`. The re-planned timeline comes with it.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { SaidPhrase } from '../domain/message-fields';
import { checkCoincidence } from './coincidence';
import type { BusinessCalendar } from './business-calendar';
import {
  CoincidenceWindow,
  Instant,
  Meeting,
  PlannedTimeline,
  TimelinePolicy,
  type CheckCoincidenceRequest,
} from './contracts';
import { CalendarError, parseOrThrow } from './errors';
import { planTimeline } from './timeline';
import { meetingTime, TimeZone, zoneNamed } from './zones';

export const ProposeCoincidingMeetingRequest = z.object({
  meeting: Meeting,
  securityCouncil: z.object({ start: Instant, timeZone: TimeZone.default('America/New_York') }),
  policy: TimelinePolicy.optional(),
  /** The meeting may not start before this instant (now, as the plan counts time). */
  notBefore: Instant,
  window: CoincidenceWindow.optional(),
  /** How far either way to look, in days. */
  searchDays: z.int().positive().max(366).default(90),
});
export type ProposeCoincidingMeetingRequest = z.input<typeof ProposeCoincidingMeetingRequest>;

export const CoincidingMeetingProposal = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    start: z.string(),
    end: z.string(),
    /** Days the meeting moves: positive later, negative earlier. */
    shiftDays: z.int(),
    timeline: PlannedTimeline,
    /** Why these dates coincide, in both meetings' zones. */
    explanation: z.string(),
    said: SaidPhrase.optional(),
  }),
  z.object({ found: z.literal(false), explanation: z.string() }),
]);
export type CoincidingMeetingProposal = z.infer<typeof CoincidingMeetingProposal>;

export function proposeCoincidingMeeting(
  request: ProposeCoincidingMeetingRequest,
  organizer: BusinessCalendar,
): CoincidingMeetingProposal {
  const input = parseOrThrow(ProposeCoincidingMeetingRequest, request, 'proposeCoincidingMeeting');
  const zone = zoneNamed(input.meeting.timeZone);
  const local = (value: string, what: string) =>
    DateTime.fromMillis(meetingTime(value, input.meeting.timeZone, what), { zone });
  const start = local(input.meeting.start, 'The meeting start');
  const end = local(input.meeting.end, 'The meeting end');
  const notBefore = Date.parse(input.notBefore);
  for (const shiftDays of nearestFirst(input.searchDays)) {
    const moved = {
      start: start.plus({ days: shiftDays }).toUTC().toISO()!,
      end: end.plus({ days: shiftDays }).toUTC().toISO()!,
      timeZone: input.meeting.timeZone,
    };
    if (Date.parse(moved.start) <= notBefore) continue;
    const coincidence = checkCoincidence(coincidenceRequest(moved, input));
    if (!coincidence.coincide) continue;
    const timeline = plannable(moved, input.policy, organizer);
    if (!timeline) continue;
    return {
      found: true,
      ...moved,
      shiftDays,
      timeline,
      explanation: coincidence.explanation,
      said: coincidence.said,
    };
  }
  return {
    found: false,
    explanation: `no dates within ${input.searchDays} days either way coincide with the Security Council meeting on a day the timeline can be planned for; choose new dates and reschedule`,
  };
}

/** 1, -1, 2, -2, …: the nearest first and, at equal distance, later before earlier. */
function nearestFirst(days: number): number[] {
  return Array.from({ length: days }, (_, i) => [i + 1, -(i + 1)]).flat();
}

function coincidenceRequest(
  meeting: { start: string; timeZone: string },
  input: z.infer<typeof ProposeCoincidingMeetingRequest>,
): CheckCoincidenceRequest {
  return {
    highLevelMeeting: { start: meeting.start, timeZone: meeting.timeZone },
    securityCouncil: input.securityCouncil,
    ...(input.window ? { window: input.window } : {}),
  };
}

/** The timeline of the moved meeting, or undefined when the calendar rules it out (a holiday). */
function plannable(
  meeting: z.infer<typeof Meeting>,
  policy: TimelinePolicy | undefined,
  organizer: BusinessCalendar,
): PlannedTimeline | undefined {
  try {
    return planTimeline({ meeting, ...(policy ? { policy } : {}) }, organizer);
  } catch (error) {
    if (error instanceof CalendarError) return undefined;
    throw error;
  }
}
