/**
 * The rules of one working group's input, as a plain class: who may submit, review or extend, what
 * a submission must hold, when it is late. The workflow (workflows/working-group-input.ts) wires
 * Updates to these methods; tests exercise them without Temporal.
 */
import { z } from 'zod';
import type { WorkingGroup } from './cycle-input';
import type { Participant } from './people';
import { listAddresses, sameAddress } from './people';
import { parsePayload as parse, RejectedAction } from './rejection';
import { Instant, Line, Text } from './text';
import { UploadedFile } from './uploads';

export const AgendaItemProposal = z.object({
  title: Line(200),
  description: Text(5_000),
  area: Line(100),
  durationMinutes: z
    .number()
    .int('must be whole minutes')
    .min(5, 'must be at least 5 minutes')
    .max(480, 'must be at most 480 minutes'),
});
export type AgendaItemProposal = z.infer<typeof AgendaItemProposal>;

export const InputContent = z.object({
  summary: Text(5_000),
  agendaItems: z
    .array(AgendaItemProposal)
    .min(1, 'must propose at least one agenda item')
    .max(20, 'at most 20 agenda items'),
  draftRecommendations: z
    .array(z.object({ text: Text(5_000) }))
    .max(30, 'at most 30 draft recommendations')
    .default([]),
  attachments: z
    // `file`: a paper uploaded through the portal (`ref` is then its download link).
    .array(z.object({ title: Line(200), ref: Line(1_000), file: UploadedFile.optional() }))
    .max(30, 'at most 30 attachments')
    .default([]),
});
export type InputContent = z.infer<typeof InputContent>;

export const SubmitInputRequest = z.object({ as: z.email(), input: InputContent });
export type SubmitInputRequest = z.input<typeof SubmitInputRequest>;

export const RequestExtensionRequest = z.object({
  as: z.email(),
  until: Instant,
  reason: Text(2_000),
});
export type RequestExtensionRequest = z.input<typeof RequestExtensionRequest>;

export const DecideExtensionRequest = z.object({
  as: z.email(),
  grant: z.boolean(),
  reason: Text(2_000).optional(),
});
export type DecideExtensionRequest = z.input<typeof DecideExtensionRequest>;

export const ReviewInputRequest = z.discriminatedUnion('decision', [
  z.object({ as: z.email(), decision: z.literal('accept'), version: z.number().int().positive() }),
  z.object({
    as: z.email(),
    decision: z.literal('revise'),
    version: z.number().int().positive(),
    comments: Text(5_000),
  }),
]);
export type ReviewInputRequest = z.input<typeof ReviewInputRequest>;

export const GroupStatus = z.enum([
  'awaiting-input',
  'under-review',
  'revision-requested',
  'accepted',
  'closed',
  'cancelled',
]);
export type GroupStatus = z.infer<typeof GroupStatus>;

export interface Submission {
  version: number;
  receivedAt: string;
  late: boolean;
  submittedBy: string;
  input: InputContent;
  review?: { decision: 'accepted' | 'revision-requested'; by: string; at: string; comments?: string };
}

export interface Receipt {
  group: string;
  version: number;
  receivedAt: string;
  onTime: boolean;
  deadline: string;
  /** True when this exact submission was already in: the same receipt, nothing new recorded. */
  duplicate: boolean;
  /** The meeting's zone, for showing the times above to people. */
  timeZone?: string;
}

export interface ExtensionRequest {
  by: string;
  at: string;
  until: string;
  reason: string;
  decision?: { granted: boolean; by: string; at: string; reason?: string };
}

export interface GroupState {
  status: GroupStatus;
  deadline: string;
  originalDeadline: string;
  /** Late inputs are accepted, flagged, until consolidation closes. */
  lateUntil: string;
  submissions: Submission[];
  extensions: ExtensionRequest[];
  remindersSent: number;
  overdueNoticeSent: boolean;
  escalated: boolean;
}

// ── Signals between a group and its cycle ────────────────────────────────────────────────────────
// Any client can send a signal, so each payload is parsed where it lands; a bad one is ignored.

/** What a group tells its cycle whenever it changes (shown by `convene cycle status`). */
export const GroupSummary = z.object({
  id: z.string().min(1),
  title: z.string(),
  chair: z.string(),
  status: GroupStatus,
  version: z.number().int().nonnegative(),
  late: z.boolean(),
  deadline: Instant,
  pendingExtension: z.object({ until: Instant, reason: z.string() }).optional(),
  remindersSent: z.number().int().nonnegative(),
});
export type GroupSummary = z.infer<typeof GroupSummary>;

/** The cycle was rescheduled: the group's deadline and the end of late inputs move. */
export const DeadlinesMoved = z
  .object({ deadline: Instant, lateUntil: Instant })
  .refine((d) => Date.parse(d.lateUntil) >= Date.parse(d.deadline), {
    path: ['lateUntil'],
    message: 'must not be before the deadline',
  });
export type DeadlinesMoved = z.infer<typeof DeadlinesMoved>;

/** Consolidation closed the group, or the cycle was cancelled. */
export const CloseGroup = z.object({ cancelled: z.boolean() });
export type CloseGroup = z.infer<typeof CloseGroup>;

/** What a group hands its cycle when it ends. */
export interface GroupResult {
  group: string;
  title: string;
  /** accepted: reviewed and accepted; unreviewed: submitted but not reviewed when consolidation closed. */
  outcome: 'accepted' | 'unreviewed' | 'no-input' | 'cancelled';
  submission?: Submission;
  versions: number;
  late: boolean;
}

/** A reminder the calendar planned for one submitter, as far as the group's rules need it. */
export interface ReminderPlan {
  recipient: string;
  offset: string;
  at: string;
}

/** What convene does next for a group, at a planned instant. */
export type GroupEvent =
  | { kind: 'reminder'; at: string; key: string; reminder: ReminderPlan }
  | { kind: 'overdue'; at: string }
  | { kind: 'escalation'; at: string }
  | { kind: 'close'; at: string };

export class WorkingGroupInput {
  constructor(
    readonly group: WorkingGroup,
    readonly organizers: readonly Participant[],
    readonly state: GroupState,
    private readonly maxInputChars: number,
  ) {}

  static initial(deadline: string, lateUntil: string): GroupState {
    return {
      status: 'awaiting-input',
      deadline,
      originalDeadline: deadline,
      lateUntil,
      submissions: [],
      extensions: [],
      remindersSent: 0,
      overdueNoticeSent: false,
      escalated: false,
    };
  }

  get latest(): Submission | undefined {
    return this.state.submissions[this.state.submissions.length - 1];
  }

  get pendingExtension(): ExtensionRequest | undefined {
    return this.state.extensions.find((e) => !e.decision);
  }

  /** Reminders and overdue notices go only while nothing acceptable is in. */
  get awaitingInput(): boolean {
    return this.state.status === 'awaiting-input' || this.state.status === 'revision-requested';
  }

  get isOpen(): boolean {
    return (
      this.state.status !== 'accepted' && this.state.status !== 'closed' && this.state.status !== 'cancelled'
    );
  }

  // ── validators: throw RejectedAction, change nothing ────────────────────────────────────────────

  validateSubmit(request: unknown, now: string): SubmitInputRequest & { input: InputContent } {
    const r = parse(SubmitInputRequest, request, 'submitInput');
    this.requireSubmitter(r.as);
    this.requireOpen('submit an input');
    if (Date.parse(now) > Date.parse(this.state.lateUntil)) {
      throw new RejectedAction(
        'too-late',
        `consolidation closed at ${this.state.lateUntil}; the ${this.group.title} group can no longer submit. Write to the organizer (${listAddresses(this.organizers)}).`,
      );
    }
    const size = JSON.stringify(r.input).length;
    if (size > this.maxInputChars) {
      throw new RejectedAction(
        'invalid-payload',
        `input: is ${size} characters; the limit is ${this.maxInputChars}. Shorten it or attach documents by reference.`,
      );
    }
    return r;
  }

  validateRequestExtension(request: unknown): z.infer<typeof RequestExtensionRequest> {
    const r = parse(RequestExtensionRequest, request, 'requestExtension');
    if (!sameAddress(r.as, this.group.chair.email)) {
      throw new RejectedAction(
        'wrong-actor',
        `only the chair of the ${this.group.title} group, ${this.group.chair.email}, may ask for an extension; you are ${r.as}`,
      );
    }
    this.requireOpen('ask for an extension');
    if (this.pendingExtension)
      throw new RejectedAction(
        'duplicate',
        `an extension to ${this.pendingExtension.until} is already awaiting the organizer's decision`,
      );
    if (Date.parse(r.until) <= Date.parse(this.state.deadline)) {
      throw new RejectedAction(
        'invalid-payload',
        `until: ${r.until} is not after the current deadline ${this.state.deadline}`,
      );
    }
    if (Date.parse(r.until) > Date.parse(this.state.lateUntil)) {
      throw new RejectedAction(
        'invalid-payload',
        `until: ${r.until} is after consolidation closes (${this.state.lateUntil}); ask for an earlier date or ask the organizer to reschedule`,
      );
    }
    return r;
  }

  validateDecideExtension(request: unknown): z.infer<typeof DecideExtensionRequest> {
    const r = parse(DecideExtensionRequest, request, 'decideExtension');
    this.requireOrganizer(r.as, 'decide on an extension');
    if (!this.pendingExtension)
      throw new RejectedAction(
        'wrong-phase',
        `the ${this.group.title} group has no extension request awaiting a decision`,
      );
    if (!r.grant && !r.reason)
      throw new RejectedAction('invalid-payload', 'reason: a refusal needs a reason the chair can read');
    return r;
  }

  validateReview(request: unknown): z.infer<typeof ReviewInputRequest> {
    const r = parse(ReviewInputRequest, request, 'reviewInput');
    this.requireOrganizer(r.as, 'review an input');
    const latest = this.latest;
    if (!latest)
      throw new RejectedAction('not-found', `the ${this.group.title} group has submitted nothing yet`);
    if (r.version !== latest.version) {
      throw new RejectedAction(
        'conflict',
        `version: ${r.version} is not the latest; review version ${latest.version}`,
      );
    }
    if (latest.review)
      throw new RejectedAction(
        'duplicate',
        `version ${latest.version} was already reviewed (${latest.review.decision} by ${latest.review.by})`,
      );
    this.requireOpen('review');
    return r;
  }

  // ── transitions: called by handlers after validation ───────────────────────────────────────────

  submit(r: { as: string; input: InputContent }, now: string): Receipt {
    const latest = this.latest;
    if (
      latest &&
      sameAddress(latest.submittedBy, r.as) &&
      JSON.stringify(latest.input) === JSON.stringify(r.input) &&
      !latest.review
    ) {
      return this.receiptOf(latest, true);
    }
    const submission: Submission = {
      version: (latest?.version ?? 0) + 1,
      receivedAt: now,
      late: Date.parse(now) > Date.parse(this.state.deadline),
      submittedBy: r.as.toLowerCase(),
      input: r.input,
    };
    this.state.submissions.push(submission);
    this.state.status = 'under-review';
    return this.receiptOf(submission, false);
  }

  requestExtension(r: { as: string; until: string; reason: string }, now: string): ExtensionRequest {
    const request: ExtensionRequest = { by: r.as.toLowerCase(), at: now, until: r.until, reason: r.reason };
    this.state.extensions.push(request);
    return request;
  }

  decideExtension(r: { as: string; grant: boolean; reason?: string }, now: string): ExtensionRequest {
    const pending = this.pendingExtension!;
    pending.decision = { granted: r.grant, by: r.as.toLowerCase(), at: now, reason: r.reason };
    if (r.grant) {
      this.state.deadline = pending.until;
      // A new deadline means a new chance: the overdue notice and escalation may be due again.
      this.state.overdueNoticeSent = false;
      this.state.escalated = false;
    }
    return pending;
  }

  review(r: z.infer<typeof ReviewInputRequest>, now: string): Submission {
    const latest = this.latest!;
    if (r.decision === 'accept') {
      latest.review = { decision: 'accepted', by: r.as.toLowerCase(), at: now };
      this.state.status = 'accepted';
    } else {
      latest.review = {
        decision: 'revision-requested',
        by: r.as.toLowerCase(),
        at: now,
        comments: r.comments,
      };
      this.state.status = 'revision-requested';
    }
    return latest;
  }

  /** The deadline moved for everyone (the meeting was rescheduled). */
  moveDeadlines(deadline: string, lateUntil: string): void {
    this.state.deadline = deadline;
    this.state.originalDeadline = deadline;
    this.state.lateUntil = lateUntil;
    this.state.overdueNoticeSent = false;
    this.state.escalated = false;
  }

  close(): void {
    if (this.isOpen) this.state.status = 'closed';
  }

  cancel(): void {
    if (this.state.status !== 'accepted') this.state.status = 'cancelled';
  }

  // ── the clock: what is due next, in planned time ───────────────────────────────────────────────

  /**
   * The next thing convene must do for this group: a reminder not yet sent (before the deadline),
   * the overdue notice, the escalation after the grace period, or closing when lateness ends.
   */
  nextEvent(reminders: readonly ReminderPlan[], sent: ReadonlySet<string>, overdueGraceMs: number) {
    const events: GroupEvent[] = [{ kind: 'close', at: this.state.lateUntil }];
    if (this.awaitingInput) {
      for (const r of reminders) {
        const key = reminderKey(r, this.state.deadline);
        if (!sent.has(key) && Date.parse(r.at) < Date.parse(this.state.deadline))
          events.push({ kind: 'reminder', at: r.at, key, reminder: r });
      }
      if (!this.state.overdueNoticeSent) events.push({ kind: 'overdue', at: this.state.deadline });
      else if (!this.state.escalated) {
        const at = new Date(Date.parse(this.state.deadline) + overdueGraceMs).toISOString();
        events.push({ kind: 'escalation', at });
      }
    }
    return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  }

  summary(): GroupSummary {
    const latest = this.latest;
    const pending = this.pendingExtension;
    return {
      id: this.group.id,
      title: this.group.title,
      chair: this.group.chair.email,
      status: this.state.status,
      version: latest?.version ?? 0,
      late: latest?.late ?? this.state.overdueNoticeSent,
      deadline: this.state.deadline,
      pendingExtension: pending ? { until: pending.until, reason: pending.reason } : undefined,
      remindersSent: this.state.remindersSent,
    };
  }

  result(): GroupResult {
    const latest = this.latest;
    const base = {
      group: this.group.id,
      title: this.group.title,
      versions: this.state.submissions.length,
      late: latest?.late ?? false,
    };
    if (this.state.status === 'cancelled') return { ...base, outcome: 'cancelled', submission: latest };
    if (!latest) return { ...base, outcome: 'no-input' };
    if (latest.review?.decision === 'accepted') return { ...base, outcome: 'accepted', submission: latest };
    return {
      ...base,
      outcome: latest.review ? 'no-input' : 'unreviewed',
      submission: latest.review ? undefined : latest,
    };
  }

  private receiptOf(s: Submission, duplicate: boolean): Receipt {
    return {
      group: this.group.id,
      version: s.version,
      receivedAt: s.receivedAt,
      onTime: !s.late,
      deadline: this.state.deadline,
      duplicate,
    };
  }

  private requireSubmitter(email: string): void {
    const allowed = [this.group.chair, ...this.group.delegates];
    if (!allowed.some((p) => sameAddress(p.email, email))) {
      throw new RejectedAction(
        'wrong-actor',
        `only the chair of the ${this.group.title} group, ${this.group.chair.email}${this.group.delegates.length ? `, or its delegates (${listAddresses(this.group.delegates)})` : ''}, may submit; you are ${email}`,
      );
    }
  }

  private requireOrganizer(email: string, action: string): void {
    if (!this.organizers.some((p) => sameAddress(p.email, email))) {
      throw new RejectedAction(
        'wrong-actor',
        `only the organizers (${listAddresses(this.organizers)}) may ${action}; you are ${email}`,
      );
    }
  }

  private requireOpen(action: string): void {
    if (this.isOpen) return;
    const why = {
      accepted: 'its input was accepted',
      closed: 'consolidation has closed',
      cancelled: 'the cycle was cancelled',
    } as const;
    const status = this.state.status as keyof typeof why;
    throw new RejectedAction(
      'wrong-phase',
      `cannot ${action} for the ${this.group.title} group: ${why[status]}`,
    );
  }
}

function reminderKey(r: ReminderPlan, deadline: string): string {
  return `reminder:${r.recipient}:${r.offset}:${deadline}`;
}
