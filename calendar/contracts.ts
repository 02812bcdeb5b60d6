/**
 * The plain-JSON shapes that cross the activity boundary: requests from workflows, answers recorded in
 * history. Instants are ISO strings (UTC with "Z" in answers); local dates are "YYYY-MM-DD". Workflows
 * `import type` these; activities parse requests with them before doing anything.
 */
import { z } from 'zod';
import { BusinessHours, OrganizationId, Weekday } from '../domain/organization';
import { MILESTONES } from '../domain/planning';
import { SaidPhrase } from '../domain/message-fields';
import { ruleIssue } from '../domain/issues';
import { IsoDuration, isSubDay } from './durations';
import { LocalDateString } from './holidays';
import { isInstant, TimeZone } from './zones';

/** An ISO instant with its offset ("2006-09-22T14:00:00Z", "2006-09-22T10:00:00-04:00"). */
export const Instant = z.string().superRefine((text, ctx) => {
  if (!isInstant(text))
    ctx.addIssue(
      ruleIssue(
        [],
        'rule.notInstant',
        { value: text },
        `${text} is not an instant; write it with its offset, like 2006-09-22T10:00:00-04:00`,
      ),
    );
});

// ── Timeline ────────────────────────────────────────────────────────────────────────────────────────

export { MILESTONES };
export const MilestoneName = z.enum(MILESTONES);
export type MilestoneName = z.infer<typeof MilestoneName>;

/**
 * A sending goes out in the business morning; a deadline falls at close of business. The call for
 * inputs and the invitations are sent; the rest are deadlines.
 */
export const MILESTONE_KIND = {
  callForInputs: 'sending',
  inputDeadline: 'deadline',
  consolidationEnd: 'deadline',
  commentPeriodEnd: 'deadline',
  invitations: 'sending',
  outcomeReportDue: 'deadline',
} as const satisfies Record<MilestoneName, 'sending' | 'deadline'>;

/**
 * How long before the meeting starts each milestone falls; `outcomeReportDue` is after the meeting ENDS.
 * With `snapToBusinessDays: false` (a compressed rehearsal: "PT30S") milestones fall at the exact
 * instants and weekends and holidays are ignored.
 */
export const TimelinePolicy = z
  .object({
    callForInputs: IsoDuration.default('P120D'),
    inputDeadline: IsoDuration.default('P60D'),
    consolidationEnd: IsoDuration.default('P45D'),
    commentPeriodEnd: IsoDuration.default('P30D'),
    invitations: IsoDuration.default('P21D'),
    outcomeReportDue: IsoDuration.default('P14D'),
    snapToBusinessDays: z.boolean().default(true),
  })
  .superRefine((policy, ctx) => {
    if (!policy.snapToBusinessDays) return;
    for (const name of MILESTONES) {
      if (isSubDay(policy[name])) {
        ctx.addIssue(
          ruleIssue(
            [name],
            'rule.subDayPolicy',
            { duration: policy[name] },
            `${policy[name]} is shorter than a day, so it cannot land on a business day; a compressed (rehearsal) policy needs snapToBusinessDays: false`,
          ),
        );
      }
    }
  });
export type TimelinePolicy = z.infer<typeof TimelinePolicy>;
export type TimelinePolicyInput = z.input<typeof TimelinePolicy>;

/** Start and end as instants, or as local date-times ("2006-09-22T10:00") in the meeting's zone. */
export const Meeting = z.object({
  start: z.string().min(1),
  end: z.string().min(1),
  timeZone: TimeZone,
});
export type Meeting = z.infer<typeof Meeting>;

export const PlanTimelineRequest = z.object({
  meeting: Meeting,
  /** The organization whose calendar the deadlines follow (the UN Secretariat for an HLM). */
  organizer: OrganizationId,
  policy: TimelinePolicy.optional(),
});
export type PlanTimelineRequest = z.input<typeof PlanTimelineRequest>;

export const PlannedMilestone = z.object({
  name: MilestoneName,
  kind: z.enum(['sending', 'deadline']),
  /** The instant, UTC. */
  at: z.string(),
  /** The same instant with the meeting zone's offset. */
  inMeetingZone: z.string(),
  /** "Friday 21 July 2006, 18:00 New York time (EDT)". */
  display: z.string(),
  /** Set when the policy's date was closed in the organizer's calendar. */
  moved: z
    .object({
      from: LocalDateString,
      to: LocalDateString,
      /** Each closed day skipped, in English (as recorded before the phrases were). */
      reasons: z.array(z.string()),
      /** The same reasons as phrases of the catalogs; absent from timelines planned before them. */
      said: z.array(SaidPhrase).optional(),
    })
    .nullable(),
});
export type PlannedMilestone = z.infer<typeof PlannedMilestone>;

export const PlannedTimeline = z.object({
  meeting: z.object({ start: z.string(), end: z.string(), timeZone: z.string(), display: z.string() }),
  organizerCalendar: z.string(),
  snappedToBusinessDays: z.boolean(),
  /** In chronological order, which is also the order of MILESTONES. */
  milestones: z.array(PlannedMilestone),
});
export type PlannedTimeline = z.infer<typeof PlannedTimeline>;

// ── Reminders ───────────────────────────────────────────────────────────────────────────────────────

export const ReminderRecipient = z.object({
  /** Who gets it: an e-mail address or any id the caller uses. */
  id: z.string().min(1),
  organization: OrganizationId,
  /** The recipient's own zone, when not the organization's headquarters zone. */
  timeZone: TimeZone.optional(),
});
export type ReminderRecipient = z.infer<typeof ReminderRecipient>;

export const PlanRemindersRequest = z.object({
  deadline: Instant,
  recipients: z.array(ReminderRecipient),
  /** How long before the deadline each reminder goes out. */
  offsets: z.array(IsoDuration).min(1).default(['P14D', 'P7D', 'P1D']),
  /** The planning moment; no reminder is planned before it. Defaults to the activity's clock. */
  now: Instant.optional(),
  /** false in compressed rehearsals: reminders go out exactly `offset` before the deadline. */
  snapToBusinessDays: z.boolean().default(true),
});
export type PlanRemindersRequest = z.input<typeof PlanRemindersRequest>;

export const PlannedReminder = z.object({
  recipient: z.string(),
  offset: z.string(),
  at: z.string(),
  timeZone: z.string(),
  inRecipientZone: z.string(),
  display: z.string(),
});
export type PlannedReminder = z.infer<typeof PlannedReminder>;

export const DroppedReminder = z.object({
  recipient: z.string(),
  offset: z.string(),
  reason: z.string(),
});
export type DroppedReminder = z.infer<typeof DroppedReminder>;

export const PlannedReminders = z.object({
  /** In the order they go out. */
  reminders: z.array(PlannedReminder),
  dropped: z.array(DroppedReminder),
});
export type PlannedReminders = z.infer<typeof PlannedReminders>;

// ── Coincidence with the Security Council ───────────────────────────────────────────────────────────

export const CoincidenceWindow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('same-iso-week'), timeZone: TimeZone.default('America/New_York') }),
  z.object({ kind: z.literal('same-day'), timeZone: TimeZone.default('America/New_York') }),
  z.object({ kind: z.literal('within'), duration: IsoDuration }),
]);
export type CoincidenceWindow = z.infer<typeof CoincidenceWindow>;

const MeetingStart = z.object({
  /** An instant, or a local date-time in `timeZone`. */
  start: z.string().min(1),
  timeZone: TimeZone.default('America/New_York'),
});

export const CheckCoincidenceRequest = z.object({
  highLevelMeeting: MeetingStart,
  securityCouncil: MeetingStart,
  window: CoincidenceWindow.default({ kind: 'same-iso-week', timeZone: 'America/New_York' }),
});
export type CheckCoincidenceRequest = z.input<typeof CheckCoincidenceRequest>;

export const CoincidenceResult = z.object({
  coincide: z.boolean(),
  /** The English sentence, for logs and histories from before `said`. */
  explanation: z.string(),
  /** The same sentence as a catalog key and its values, said in each reader's language. */
  said: SaidPhrase.optional(),
});
export type CoincidenceResult = z.infer<typeof CoincidenceResult>;

// ── Fair slots ──────────────────────────────────────────────────────────────────────────────────────

export const SlotParticipant = z.object({
  id: z.string().min(1),
  timeZone: TimeZone,
  workingHours: BusinessHours.default({ start: '09:00', end: '18:00' }),
  weekendDays: z.array(Weekday).max(6).default(['saturday', 'sunday']),
  holidays: z.array(LocalDateString).default([]),
  /** How much this participant's presence in working hours counts (a chair may count double). */
  weight: z.number().positive().default(1),
});
export type SlotParticipant = z.infer<typeof SlotParticipant>;

export const FindFairSlotsRequest = z
  .object({
    participants: z.array(SlotParticipant).min(1, 'needs at least one participant'),
    duration: IsoDuration,
    from: Instant,
    to: Instant,
    step: IsoDuration.default('PT15M'),
    /** Earlier meetings of the series and who was outside working hours at each. */
    history: z.array(z.object({ inconvenienced: z.array(z.string()) })).default([]),
    limit: z.number().int().positive().max(500).default(10),
  })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to', path: ['to'] });
export type FindFairSlotsRequest = z.input<typeof FindFairSlotsRequest>;

export const SlotForParticipant = z.object({
  id: z.string(),
  /** Local start with offset, e.g. 2026-09-18T10:00:00.000+12:00. */
  localStart: z.string(),
  insideWorkingHours: z.boolean(),
  /** How far the meeting would have to move to fit this participant's working hours; 0 when it fits. */
  minutesOutside: z.number(),
});

export const ProposedSlot = z.object({
  start: z.string(),
  end: z.string(),
  /** Sum of the weights of participants inside their working hours. */
  insideWeight: z.number(),
  insideCount: z.number(),
  /** Outside working hours at this slot: who bears the inconvenience. */
  inconvenienced: z.array(z.string()),
  /** The participant furthest from their working hours (history taken into account), if any. */
  worstOff: z.string().nullable(),
  participants: z.array(SlotForParticipant),
});
export type ProposedSlot = z.infer<typeof ProposedSlot>;

export const FairSlots = z.object({
  /** Best first. */
  slots: z.array(ProposedSlot),
  /** Who bears the inconvenience at the best slot; empty when everyone is inside working hours. */
  bearsInconvenience: z.array(z.string()),
  candidatesConsidered: z.number(),
});
export type FairSlots = z.infer<typeof FairSlots>;

// ── Formatting ──────────────────────────────────────────────────────────────────────────────────────

export const FormatForRecipientsRequest = z.object({
  instant: Instant,
  meetingZone: TimeZone,
  recipientZones: z.array(TimeZone),
});
export type FormatForRecipientsRequest = z.input<typeof FormatForRecipientsRequest>;

export const FormattedTimes = z.object({
  texts: z.array(z.object({ timeZone: z.string(), text: z.string() })),
});
export type FormattedTimes = z.infer<typeof FormattedTimes>;
