/**
 * The rules of one working group's input, as a plain class: who may submit, review or extend, what
 * a submission must hold, when it is late. The workflow (workflows/working-group-input.ts) wires
 * Updates to these methods; tests exercise them without Temporal.
 */
import { z } from 'zod';
import type { WorkingGroup } from './cycle-input';
import type { Participant } from './people';
import { listAddresses, sameAddress } from './people';
import { parsePayload as parse, phrase, RejectedAction, type Phrase } from './rejection';
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
    this.requireOpen(phrase('refusal.action.submitInput'));
    if (Date.parse(now) > Date.parse(this.state.lateUntil)) {
      throw new RejectedAction('too-late', 'refusal.group.consolidationClosed', {
        lateUntil: this.state.lateUntil,
        group: this.group.title,
        organizers: listAddresses(this.organizers),
      });
    }
    const size = JSON.stringify(r.input).length;
    if (size > this.maxInputChars) {
      throw new RejectedAction('invalid-payload', 'refusal.group.inputTooLong', {
        size,
        limit: this.maxInputChars,
      });
    }
    return r;
  }

  validateRequestExtension(request: unknown): z.infer<typeof RequestExtensionRequest> {
    const r = parse(RequestExtensionRequest, request, 'requestExtension');
    if (!sameAddress(r.as, this.group.chair.email)) {
      throw new RejectedAction('wrong-actor', 'refusal.group.onlyChairExtends', {
        group: this.group.title,
        chair: this.group.chair.email,
        you: r.as,
      });
    }
    this.requireOpen(phrase('refusal.action.askExtension'));
    if (this.pendingExtension)
      throw new RejectedAction('duplicate', 'refusal.group.extensionPending', {
        until: this.pendingExtension.until,
      });
    if (Date.parse(r.until) <= Date.parse(this.state.deadline)) {
      throw new RejectedAction('invalid-payload', 'refusal.group.untilNotAfterDeadline', {
        until: r.until,
        deadline: this.state.deadline,
      });
    }
    if (Date.parse(r.until) > Date.parse(this.state.lateUntil)) {
      throw new RejectedAction('invalid-payload', 'refusal.group.untilAfterClose', {
        until: r.until,
        lateUntil: this.state.lateUntil,
      });
    }
    return r;
  }

  validateDecideExtension(request: unknown): z.infer<typeof DecideExtensionRequest> {
    const r = parse(DecideExtensionRequest, request, 'decideExtension');
    this.requireOrganizer(r.as, phrase('refusal.action.decideExtension'));
    if (!this.pendingExtension)
      throw new RejectedAction('wrong-phase', 'refusal.group.noExtensionPending', {
        group: this.group.title,
      });
    if (!r.grant && !r.reason) throw new RejectedAction('invalid-payload', 'refusal.group.reasonNeeded');
    return r;
  }

  validateReview(request: unknown): z.infer<typeof ReviewInputRequest> {
    const r = parse(ReviewInputRequest, request, 'reviewInput');
    this.requireOrganizer(r.as, phrase('refusal.action.reviewInput'));
    const latest = this.latest;
    if (!latest)
      throw new RejectedAction('not-found', 'refusal.group.nothingSubmitted', { group: this.group.title });
    if (r.version !== latest.version) {
      throw new RejectedAction('conflict', 'refusal.group.notLatest', {
        version: r.version,
        latest: latest.version,
      });
    }
    if (latest.review)
      throw new RejectedAction('duplicate', 'refusal.group.alreadyReviewed', {
        version: latest.version,
        decision: latest.review.decision,
        by: latest.review.by,
      });
    this.requireOpen(phrase('refusal.action.review'));
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
      throw new RejectedAction('wrong-actor', 'refusal.group.onlySubmitters', {
        group: this.group.title,
        chair: this.group.chair.email,
        delegates: this.group.delegates.length ? listAddresses(this.group.delegates) : 'none',
        you: email,
      });
    }
  }

  private requireOrganizer(email: string, action: Phrase): void {
    if (!this.organizers.some((p) => sameAddress(p.email, email))) {
      throw new RejectedAction('wrong-actor', 'refusal.onlyOrganizers', {
        organizers: listAddresses(this.organizers),
        action,
        you: email,
      });
    }
  }

  private requireOpen(action: Phrase): void {
    if (this.isOpen) return;
    throw new RejectedAction('wrong-phase', 'refusal.group.closed', {
      action,
      group: this.group.title,
      status: this.state.status,
    });
  }
}

function reminderKey(r: ReminderPlan, deadline: string): string {
  return `reminder:${r.recipient}:${r.offset}:${deadline}`;
}
