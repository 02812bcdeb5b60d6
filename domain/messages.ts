/**
 * Every message the engine sends, as data: one schema per kind, joined in a union on `kind`.
 * Workflows build these objects; templates turn them into mail.
 */
import { z } from 'zod';
import { Contact, Echo, Edition, Instant, OneLine, Prose, SaidPhrase, WebLink } from './message-fields';

/** Fields every message has: the meeting it belongs to and whom to ask about it. */
const common = { edition: Edition, contact: Contact };

const groupInput = { ...common, group: OneLine, deadline: Instant, submitUrl: WebLink.optional() };

export const Meeting = z.object({
  title: OneLine,
  start: Instant,
  end: Instant,
  venue: OneLine,
  /** The Security Council meeting on the same theme that the HLM is timed to coincide with. */
  councilMeeting: z.object({ title: OneLine, start: Instant }).optional(),
});
export type Meeting = z.infer<typeof Meeting>;

export const AgendaItem = z.object({ title: OneLine, group: OneLine.optional() });
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Decision = z.object({
  ref: OneLine,
  title: OneLine,
  lead: OneLine,
  responsible: z.array(OneLine).default([]),
  due: Instant,
});
export type Decision = z.infer<typeof Decision>;

const Progress = z.object({ at: Instant, summary: Prose });

export const DigestEntry = z.object({
  ref: OneLine,
  title: OneLine,
  lead: OneLine,
  status: OneLine,
  due: Instant,
  /** A Council request's source, shown beside the entry. */
  source: OneLine.optional(),
});
export type DigestEntry = z.infer<typeof DigestEntry>;

/**
 * Why a decision reaches the committee, as data the mail writes in each reader's language (the
 * `reason` sentence beside it is the English record, and what older workflows sent alone).
 */
export const EscalationWhy = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('overdue'),
    due: OneLine,
    lead: OneLine,
    told: z.array(z.object({ audience: OneLine, on: OneLine })),
    step: z.int().positive(),
    steps: z.int().positive(),
  }),
  z.object({ kind: z.literal('stalled'), since: OneLine, stallAfter: OneLine }),
]);
export type EscalationWhy = z.infer<typeof EscalationWhy>;

/** Why a decision's message reaches its reader: each audience has its own reason line. */
export const DECISION_AUDIENCES = [
  'lead',
  'responsible',
  'former-lead',
  'committee-member',
  'committee-chair',
  'reporter',
] as const;
export const DecisionAudience = z.enum(DECISION_AUDIENCES);
export type DecisionAudience = z.infer<typeof DecisionAudience>;

/** A claim of implementation, as the committee reads it. */
const ClaimFacts = z.object({ at: Instant, by: OneLine, summary: Prose, evidence: z.array(WebLink) });

/** What happened to a decision, for the people it concerns. */
export const DecisionEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('claim-awaiting'), claim: ClaimFacts }),
  /** The committee has not yet verified the claim: `remindersSent` reminders so far, this one included. */
  z.object({ kind: z.literal('claim-reminder'), claim: ClaimFacts, remindersSent: z.int().positive() }),
  z.object({ kind: z.literal('claim-escalation'), claim: ClaimFacts, remindersSent: z.int().positive() }),
  z.object({ kind: z.literal('claim-rejected'), at: Instant, by: OneLine, reasons: Prose }),
  z.object({ kind: z.literal('verified'), at: Instant, by: OneLine, reasons: Prose }),
  z.object({ kind: z.literal('withdrawn'), at: Instant, by: OneLine, reason: Prose }),
  z.object({
    kind: z.literal('superseded'),
    at: Instant,
    by: OneLine,
    reason: Prose,
    supersededBy: OneLine,
  }),
  z.object({
    kind: z.literal('due-date-extended'),
    at: Instant,
    by: OneLine,
    from: Instant,
    to: Instant,
    reason: Prose,
  }),
  z.object({
    kind: z.literal('lead-reassigned'),
    at: Instant,
    by: OneLine,
    from: OneLine,
    to: OneLine,
    reason: Prose,
  }),
  z.object({
    kind: z.literal('progress-received'),
    at: Instant,
    reportId: OneLine,
    organization: OneLine,
    percent: z.int().min(0).max(100),
    narrative: Prose,
  }),
  z.object({ kind: z.literal('imported'), at: Instant }),
]);
export type DecisionEvent = z.infer<typeof DecisionEvent>;
export type DecisionEventKind = DecisionEvent['kind'];

/** The Council session a message is about: its id (also its calendar entry's UID) and presidency. */
export const CouncilSessionRef = z.object({
  id: OneLine,
  presidency: OneLine,
  actingFor: Contact,
});

const councilCommon = { ...common, meeting: Meeting, session: CouncilSessionRef };

function kind<K extends string, S extends z.ZodRawShape>(name: K, data: S) {
  return z.object({ kind: z.literal(name), data: z.object(data) });
}

export const Message = z.discriminatedUnion('kind', [
  // Working-group inputs
  kind('call-for-inputs', { ...groupInput, meeting: Meeting, instructions: Prose.optional() }),
  kind('input-reminder', groupInput),
  kind('input-overdue', groupInput),
  kind('input-escalation', { ...groupInput, chair: Contact, remindersSent: z.int().nonnegative() }),
  kind('revision-requested', { ...groupInput, reviewer: OneLine, comments: Prose }),
  kind('input-accepted', { ...common, group: OneLine, acceptedBy: OneLine, acceptedAt: Instant }),
  kind('extension-granted', { ...groupInput, previousDeadline: Instant, reason: Prose.optional() }),
  kind('extension-denied', { ...groupInput, reason: Prose }),
  /** To the chair and delegates: a receipt of one version of the group's input, as it was written. */
  kind('input-received', {
    ...groupInput,
    version: z.int().positive(),
    receivedAt: Instant,
    late: z.boolean(),
    submittedBy: Contact,
    summary: Prose,
    items: z.array(OneLine).min(1),
    /** Background papers: each one's title, and the uploaded file's name where there is one. */
    files: z.array(z.object({ title: OneLine, file: OneLine.optional() })).default([]),
  }),
  /** To the organizers: a chair or delegate asks for more time; how to decide. */
  kind('extension-requested', {
    ...groupInput,
    requestedBy: Contact,
    requestedAt: Instant,
    until: Instant,
    reason: Prose,
    /** The command that decides it, without `--grant`/`--deny` and `--as` (each copy adds its reader's). */
    decideCommand: OneLine,
    decideUrl: WebLink.optional(),
  }),
  // The meeting
  kind('draft-agenda', {
    ...common,
    meeting: Meeting,
    items: z.array(AgendaItem).min(1),
    commentDeadline: Instant,
    commentUrl: WebLink.optional(),
  }),
  /** To everyone the cycle concerns: the agenda as approved, once its document is written. */
  kind('final-agenda', {
    ...common,
    meeting: Meeting,
    items: z.array(AgendaItem).min(1),
    approvedAt: Instant,
    agendaUrl: WebLink.optional(),
  }),
  kind('invitation', {
    ...common,
    meeting: Meeting,
    agenda: z.array(AgendaItem).default([]),
    replyBy: Instant.optional(),
    detailsUrl: WebLink.optional(),
  }),
  kind('reschedule-notice', {
    ...common,
    meeting: Meeting,
    previous: z.object({ start: Instant, end: Instant, venue: OneLine }),
    reason: Prose.optional(),
    /** Set when the meeting moved on its own to coincide again with the Council's (followCouncil). */
    followsCouncil: z.object({ title: OneLine, start: Instant }).optional(),
  }),
  kind('cancellation', { ...common, meeting: Meeting, reason: Prose }),
  /** To the organizers: the high-level meeting and the Security Council meeting no longer coincide. */
  kind('coincidence-lost', {
    ...common,
    meeting: Meeting,
    explanation: Prose,
    explanationSaid: SaidPhrase.optional(),
  }),
  /** To the organizers: the Council moved; the nearest dates that coincide again, and how to apply them. */
  kind('council-move-proposal', {
    ...common,
    meeting: Meeting,
    /** Why the meetings no longer coincide (English), and the same as a catalog sentence. */
    explanation: Prose,
    explanationSaid: SaidPhrase.optional(),
    proposed: z.object({
      start: Instant,
      end: Instant,
      coincidence: Prose,
      coincidenceSaid: SaidPhrase.optional(),
    }),
    timeline: z.array(z.object({ name: OneLine, at: Instant })),
    /** The command that applies it, without `--as` (each organizer's copy adds their address). */
    applyCommand: OneLine,
    applyUrl: WebLink.optional(),
  }),
  kind('outcome-report', {
    ...common,
    meeting: Meeting,
    summary: Prose.optional(),
    decisions: z.array(Decision),
    reportUrl: WebLink.optional(),
  }),
  // The Security Council's meeting with regional organizations
  kind('council-invitation', {
    ...councilCommon,
    organization: OneLine,
    /** The rule of the Council's provisional rules of procedure the invitation rests on. */
    basis: z.literal('rule-39'),
    role: z.enum(['head', 'representative']),
    replyBy: Instant,
    conceptNote: z.object({ title: OneLine, version: z.int().positive() }),
    detailsUrl: WebLink.optional(),
  }),
  kind('council-reminder', {
    ...councilCommon,
    organization: OneLine,
    replyBy: Instant,
    /** The briefer's page, to confirm or decline on; filled by the mail activity. */
    detailsUrl: WebLink.optional(),
  }),
  kind('council-unanswered', {
    ...councilCommon,
    replyBy: Instant,
    unanswered: z.array(z.object({ organization: OneLine, briefer: Contact })).min(1),
  }),
  kind('council-session-moved', {
    ...councilCommon,
    previous: z.object({ start: Instant, end: Instant }),
    reason: Prose,
  }),
  kind('council-decline-noted', { ...councilCommon, organization: OneLine }),
  /** To the session's organizers: the high-level meeting timed with it moved, and no longer coincides. */
  kind('council-cycle-moved', {
    ...councilCommon,
    hlm: z.object({ title: OneLine, start: Instant, previousStart: Instant }),
    explanation: Prose,
    explanationSaid: SaidPhrase.optional(),
    /** The command that moves the session, without its options (each copy adds the organizer's `--as`). */
    moveCommand: OneLine,
  }),
  kind('council-outcome', {
    ...councilCommon,
    outcome: z.object({ symbol: OneLine, kind: OneLine }),
    requests: z.array(
      z.object({ ref: OneLine, source: OneLine, title: OneLine, lead: OneLine, due: Instant }),
    ),
  }),
  // Decisions, for years after the meeting
  kind('decision-progress-request', {
    ...common,
    decision: Decision,
    reportBy: Instant,
    reportUrl: WebLink.optional(),
  }),
  kind('decision-due-soon', { ...common, decision: Decision, reportUrl: WebLink.optional() }),
  kind('decision-overdue', { ...common, decision: Decision, lastProgress: Progress.optional() }),
  kind('decision-escalation', {
    ...common,
    decision: Decision,
    reason: Prose,
    why: EscalationWhy.optional(),
    lastProgress: Progress.optional(),
  }),
  kind('decision-update', {
    ...common,
    decision: Decision,
    event: DecisionEvent,
    audience: DecisionAudience,
    /** The reader's page of the decision; filled by the mail activity once the portal serves one. */
    decisionUrl: WebLink.optional(),
  }),
  kind('committee-digest', {
    ...common,
    period: z.object({ from: Instant, to: Instant }),
    decisions: z.array(DigestEntry),
    ideas: z.array(z.object({ title: OneLine, proposedBy: OneLine })).default([]),
    /** The review meeting proposed with it (its invitation follows), if a slot was found. */
    reviewMeeting: z
      .object({ start: Instant, end: Instant, inconvenienced: z.array(OneLine).default([]) })
      .optional(),
    /** The portal's page of claims awaiting verification. */
    verifyUrl: WebLink.optional(),
  }),
  /** To every member: the review meeting at the fairest slot, as a calendar entry of its own. */
  kind('committee-review-invitation', {
    ...common,
    meeting: Meeting,
    /** `standing-committee-review-3`: the calendar entry's id; who is outside working hours. */
    review: z.object({ id: OneLine, inconvenienced: z.array(OneLine).default([]) }),
    /** Where the meeting was before it moved: the same entry, updated (a higher SEQUENCE). */
    previous: z.object({ start: Instant, end: Instant }).optional(),
  }),
  /** To every member: the review meeting is cancelled; the calendar entry (METHOD:CANCEL) removes it. */
  kind('committee-review-cancelled', {
    ...common,
    meeting: Meeting,
    review: z.object({ id: OneLine }),
  }),
  // The mail system itself
  kind('delivery-failure', {
    ...common,
    failed: z.object({ subject: Echo, recipient: Contact, serverReply: Echo, at: Instant }),
  }),
]);
export type Message = z.infer<typeof Message>;
export type MessageInput = z.input<typeof Message>;
export type MessageKind = Message['kind'];
export type MessageData<K extends MessageKind> = Extract<Message, { kind: K }>['data'];

/** Kinds that carry the meeting as a calendar entry (ICS). */
export const CALENDAR_KINDS = [
  'invitation',
  'reschedule-notice',
  'cancellation',
  'council-invitation',
  'council-session-moved',
  'council-decline-noted',
  'committee-review-invitation',
  'committee-review-cancelled',
] as const satisfies MessageKind[];
export type CalendarKind = (typeof CALENDAR_KINDS)[number];
export type CalendarMessage = Extract<Message, { kind: CalendarKind }>;

export function isCalendarKind(kind: MessageKind): kind is CalendarKind {
  return (CALENDAR_KINDS as readonly MessageKind[]).includes(kind);
}

export function isCalendarMessage(message: Message): message is CalendarMessage {
  return isCalendarKind(message.kind);
}
