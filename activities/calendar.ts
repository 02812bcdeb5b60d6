/**
 * Calendar activities: time-zone arithmetic happens here, not in workflows, so its results are
 * recorded in history and an update of the time-zone database cannot break a replay. Each activity is
 * a pure function of its input and the directory, so a retry returns the same answer (planReminders
 * reads the clock only when the request carries no `now`).
 */
import { ApplicationFailure } from '@temporalio/common';
import { checkCoincidence } from '../calendar/coincidence';
import {
  CheckCoincidenceRequest,
  CoincidenceResult,
  FairSlots,
  FindFairSlotsRequest,
  FormatForRecipientsRequest,
  FormattedTimes,
  PlannedReminders,
  PlannedTimeline,
  PlanRemindersRequest,
  PlanTimelineRequest,
} from '../calendar/contracts';
import { CalendarError, parseOrThrow } from '../calendar/errors';
import { CALENDAR_FAILURE_TYPE } from '../domain/rejection';
import {
  CoincidingMeetingProposal,
  proposeCoincidingMeeting,
  type ProposeCoincidingMeetingRequest,
} from '../calendar/follow-council';
import { formatForRecipient } from '../calendar/format';
import type { CalendarRegistry } from '../calendar/registry';
import { planReminders } from '../calendar/reminders';
import { findFairSlots } from '../calendar/slots';
import { planTimeline } from '../calendar/timeline';

// Workflows `import type` the shapes from here, next to the activities that use them.
export type { CoincidingMeetingProposal, ProposeCoincidingMeetingRequest };
export type {
  CheckCoincidenceRequest,
  CoincidenceResult,
  FairSlots,
  FindFairSlotsRequest,
  FormatForRecipientsRequest,
  FormattedTimes,
  PlannedMilestone,
  PlannedReminder,
  PlannedReminders,
  PlannedTimeline,
  PlanRemindersRequest,
  PlanTimelineRequest,
  ProposedSlot,
  TimelinePolicy,
  TimelinePolicyInput,
} from '../calendar/contracts';

/** The failure type workflows can match on: the request cannot succeed as it stands. */
export const CALENDAR_ERROR = CALENDAR_FAILURE_TYPE;

export interface CalendarActivityDeps {
  /** Organization id → business calendar, built once at worker start. */
  calendars: CalendarRegistry;
  /** The clock, for reminders planned without an explicit `now`; tests pass a fixed one. */
  now?: () => Date;
}

export interface CalendarActivities {
  planTimeline(request: PlanTimelineRequest): Promise<PlannedTimeline>;
  planReminders(request: PlanRemindersRequest): Promise<PlannedReminders>;
  checkCoincidence(request: CheckCoincidenceRequest): Promise<CoincidenceResult>;
  findFairSlots(request: FindFairSlotsRequest): Promise<FairSlots>;
  /** The nearest dates that coincide again with a moved Security Council meeting, re-planned. */
  proposeCoincidingMeeting(
    request: ProposeCoincidingMeetingRequest & { organizer: string },
  ): Promise<CoincidingMeetingProposal>;
  formatForRecipients(request: FormatForRecipientsRequest): Promise<FormattedTimes>;
}

export function createCalendarActivities(deps: CalendarActivityDeps): CalendarActivities {
  const now = deps.now ?? (() => new Date());
  return {
    async planTimeline(request) {
      return callerMistakesFail(() => {
        const input = parseOrThrow(PlanTimelineRequest, request, 'planTimeline');
        return PlannedTimeline.parse(planTimeline(input, deps.calendars.calendarOf(input.organizer)));
      });
    },

    async planReminders(request) {
      return callerMistakesFail(() => {
        const input = parseOrThrow(PlanRemindersRequest, request, 'planReminders');
        const recipients = input.recipients.map((r) => ({
          id: r.id,
          calendar: deps.calendars.calendarOf(r.organization),
          timeZone: r.timeZone,
        }));
        return PlannedReminders.parse(planReminders({ ...input, recipients, now: input.now ?? now() }));
      });
    },

    /** A pair that does not coincide is the caller's to fix: it fails, naming both dates in both zones. */
    async checkCoincidence(request) {
      return callerMistakesFail(() => {
        const input = parseOrThrow(CheckCoincidenceRequest, request, 'checkCoincidence');
        const result = CoincidenceResult.parse(checkCoincidence(input));
        if (!result.coincide)
          throw new CalendarError('calendar.noCoincidence', {
            explanation: result.said ?? result.explanation,
          });
        return result;
      });
    },

    async findFairSlots(request) {
      return callerMistakesFail(() => {
        const input = parseOrThrow(FindFairSlotsRequest, request, 'findFairSlots');
        return FairSlots.parse(findFairSlots(input));
      });
    },

    async proposeCoincidingMeeting(request) {
      return callerMistakesFail(() =>
        CoincidingMeetingProposal.parse(
          proposeCoincidingMeeting(request, deps.calendars.calendarOf(request.organizer)),
        ),
      );
    },

    async formatForRecipients(request) {
      return callerMistakesFail(() => {
        const input = parseOrThrow(FormatForRecipientsRequest, request, 'formatForRecipients');
        const zones = [...new Set(input.recipientZones)];
        const texts = zones.map((timeZone) => ({
          timeZone,
          text: formatForRecipient(input.instant, timeZone, input.meetingZone),
        }));
        return { texts };
      });
    },
  };
}

/**
 * A CalendarError is the caller's mistake (a bad policy, a meeting on a holiday): retrying the same
 * request cannot help, so it fails for good with a message the caller can act on. Anything else is
 * our bug or a passing fault and keeps Temporal's retries.
 */
function callerMistakesFail<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    // The key and values go with the failure, so the workflow can put the sentence in a refusal.
    if (error instanceof CalendarError)
      throw ApplicationFailure.create({
        message: error.message,
        type: CALENDAR_ERROR,
        nonRetryable: true,
        details: [error.phrase],
      });
    throw error;
  }
}
