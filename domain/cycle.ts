/**
 * A preparation cycle as a plain class: its state, its phases, who may do what in which phase, and
 * what is pending from whom. workflows/preparation-cycle.ts wires Updates to these methods and does
 * the I/O; tests exercise the rules without Temporal.
 */
import { z } from 'zod';
import type { CycleInput, MeetingPlan, SecurityCouncilMeeting } from './cycle-input';
import { DecisionRef } from './decision';
import type { DeliveryFailure } from './delivery';
import type { RenderedDocument } from './documents';
import { OrganizationId } from './addresses';
import { listAddresses, sameAddress, type Participant } from './people';
import type { Coincidence, MilestoneName, PlannedMilestone } from './planning';
import { parsePayload as parse, phrase, RejectedAction, type Phrase } from './rejection';
import { Instant, Line, Text } from './text';
import { REAL_TIME, toPlan, type TimeMapping } from './time-mapping';
import type { GroupSummary } from './working-group';

export type { GroupSummary };

/** In order. `cancelled` may follow any phase before `completed`. */
export const CYCLE_PHASES = [
  'scheduled',
  'collecting-inputs',
  'consolidating',
  'agenda-comment',
  'awaiting-approval',
  /** The final agenda is written; comments are closed; the invitations go out at their milestone. */
  'agenda-approved',
  'invitations',
  'awaiting-outcome',
  'completed',
  'cancelled',
] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

/** Before the meeting: the phases in which the meeting, or the Council's, may still move. */
const BEFORE_THE_MEETING: readonly CyclePhase[] = CYCLE_PHASES.slice(
  0,
  CYCLE_PHASES.indexOf('invitations') + 1,
);

export const RescheduleRequest = z
  .object({
    as: z.email(),
    start: Instant,
    end: Instant,
    venue: Line(300).optional(),
    reason: Text(2_000).optional(),
  })
  .refine((r) => Date.parse(r.start) < Date.parse(r.end), { message: 'must be after start', path: ['end'] });
export type RescheduleRequest = z.input<typeof RescheduleRequest>;
export type RescheduleRequestParsed = z.infer<typeof RescheduleRequest>;

export const SecurityCouncilMovedRequest = z.object({
  as: z.email(),
  start: Instant,
  title: Line(300).optional(),
});
export type SecurityCouncilMovedRequest = z.input<typeof SecurityCouncilMovedRequest>;

/**
 * The Council's meeting has a new date: what an organizer records, or a Council session workflow
 * sends for the organizer who moved the session (`as`), naming itself in `source`.
 */
export const CouncilMovedRequest = SecurityCouncilMovedRequest.extend({
  timeZone: Line(100).optional(),
  source: Line(200).optional(),
});
export type CouncilMovedRequest = z.input<typeof CouncilMovedRequest>;

/** An organizer applies the pending proposal: the meeting moves to coincide with the Council again. */
export const FollowCouncilRequest = z.object({ as: z.email() });
export type FollowCouncilRequest = z.input<typeof FollowCouncilRequest>;

/** The nearest dates at which the meeting coincides again with the Council's, and their timeline. */
export interface CouncilProposal {
  /** The Council's start this proposal follows: a later move makes a new one. */
  councilStart: string;
  start: string;
  end: string;
  shiftDays: number;
  milestones: PlannedMilestone[];
  /** Why the proposed dates coincide, in both meetings' zones. */
  explanation: string;
  /** The same as a catalog sentence (absent in older histories). */
  said?: Phrase;
  proposedAt: string;
}

/** What a Council move did to the cycle: still coincides, a proposal for the organizers, or followed. */
export interface CouncilMoveResult {
  coincidence: Coincidence;
  proposal?: CouncilProposal;
  /** True when the cycle's policy is `followCouncil` and the meeting has moved on its own. */
  followed: boolean;
}

export const CommentRequest = z.object({ as: z.email(), text: Text(5_000), item: Line(200).optional() });
export type CommentRequest = z.input<typeof CommentRequest>;

export const ApproveAgendaRequest = z.object({ as: z.email(), note: Text(2_000).optional() });
export type ApproveAgendaRequest = z.input<typeof ApproveAgendaRequest>;

export const OutcomeDecision = z.object({
  ref: DecisionRef,
  text: Text(5_000),
  area: Line(100),
  lead: OrganizationId,
  responsible: z.array(OrganizationId).default([]),
  dueDate: Instant,
});
export type OutcomeDecision = z.infer<typeof OutcomeDecision>;

export const RecordOutcomeRequest = z.object({
  as: z.email(),
  summary: Text(10_000).optional(),
  decisions: z.array(OutcomeDecision).max(100, 'at most 100 decisions'),
});
export type RecordOutcomeRequest = z.input<typeof RecordOutcomeRequest>;

export const CancelRequest = z.object({ as: z.email(), reason: Text(2_000) });
export type CancelRequest = z.input<typeof CancelRequest>;

/** Everything a cycle knows, as the status query shows it. */
export interface CycleState {
  workflowId: string;
  edition: number;
  title: string;
  rehearsal: boolean;
  phase: CyclePhase;
  meeting: MeetingPlan;
  securityCouncil?: SecurityCouncilMeeting;
  coincidence?: Coincidence;
  /** Pending since the Council moved: `convene cycle follow-council` applies it. */
  councilProposal?: CouncilProposal;
  milestones: PlannedMilestone[];
  groups: GroupSummary[];
  pendingActions: PendingAction[];
  comments: AgendaComment[];
  /** In the store; `nextCycleDraft` is next year's specification, drafted after the outcome. */
  documents: Partial<
    Record<'draftAgenda' | 'finalAgenda' | 'outcomeReport' | 'nextCycleDraft', RenderedDocument>
  >;
  invitations?: { sequence: number; sentAt: string };
  decisions: { ref: string; workflowId: string }[];
  deliveryFailures: DeliveryFailure[];
  cancelled?: { by: string; reason: string; at: string };
  log: { at: string; what: string }[];
}

export interface AgendaComment {
  by: string;
  organization: string;
  at: string;
  text: string;
  item?: string;
}

export interface PendingAction {
  who: string;
  what: string;
  by?: string;
}

export class PreparationCycle {
  readonly state: CycleState;
  /** How the workflow's clock maps to the plan: real time, or a rehearsal's compressed time. */
  mapping: TimeMapping = REAL_TIME;
  /** Moves whenever planned instants move (a reschedule), so waits re-plan. */
  planVersion = 0;
  icsSequence = 0;
  coincidenceWarnings = 0;
  approved = false;
  /** When the organizers approved the agenda (the final agenda's mail says so). */
  approvedAt?: string;
  outcomeRecorded = false;
  /** Set while the outcome's decisions are being checked, so a second recordOutcome is refused. */
  outcomeClaimed = false;

  constructor(
    readonly input: CycleInput,
    workflowId: string,
  ) {
    this.state = {
      workflowId,
      edition: input.edition,
      title: input.title,
      rehearsal: Boolean(input.rehearsal),
      phase: 'scheduled',
      meeting: input.meeting,
      securityCouncil: input.securityCouncil,
      milestones: [],
      groups: input.workingGroups.map((g) => ({
        id: g.id,
        title: g.title,
        chair: g.chair.email,
        status: 'awaiting-input',
        version: 0,
        late: false,
        deadline: '',
        remindersSent: 0,
      })),
      pendingActions: [],
      comments: [],
      documents: {},
      decisions: [],
      deliveryFailures: [],
      log: [],
    };
  }
  /** The cycle as it now stands: its input with the meeting and the Council's as since moved. */
  currentPlan(): CycleInput {
    const { securityCouncil } = this.state;
    return { ...this.input, meeting: this.state.meeting, ...(securityCouncil ? { securityCouncil } : {}) };
  }

  // ── who is who ────────────────────────────────────────────────────────────────────────────────────

  isOrganizer(email: string): boolean {
    return this.input.organizers.some((p) => sameAddress(p.email, email));
  }

  requireOrganizer(email: string, action: Phrase): void {
    if (!this.isOrganizer(email)) {
      throw new RejectedAction('wrong-actor', 'refusal.onlyOrganizers', {
        organizers: listAddresses(this.input.organizers),
        action,
        you: email,
      });
    }
  }

  /** The focal point's organization, if they are one of a participating organization. */
  focalPointOf(email: string): Participant | undefined {
    for (const org of this.input.participants) {
      const person = org.focalPoints.find((p) => sameAddress(p.email, email));
      if (person) return person;
    }
    return undefined;
  }

  // ── time ──────────────────────────────────────────────────────────────────────────────────────────

  get phase(): CyclePhase {
    return this.state.phase;
  }

  get isCancelled(): boolean {
    return Boolean(this.state.cancelled);
  }

  /** The planned instant the workflow's clock stands for (`clockMs` is the workflow's Date.now()). */
  planned(clockMs: number): string {
    return toPlan(this.mapping, clockMs);
  }

  milestone(name: MilestoneName): string {
    return this.state.milestones.find((m) => m.name === name)?.at ?? this.input.meeting.start;
  }

  log(what: string, at: string): void {
    this.state.log.push({ at, what });
  }

  // ── validators: parse, check the actor and the phase; change nothing ─────────────────────────────

  validateReschedule(request: unknown, nowPlan: string): z.infer<typeof RescheduleRequest> {
    const r = parse(RescheduleRequest, request, 'reschedule');
    this.requireOrganizer(r.as, phrase('refusal.action.rescheduleMeeting'));
    requirePhase(this.phase, BEFORE_THE_MEETING, phrase('refusal.action.reschedule'));
    if (Date.parse(r.start) <= Date.parse(nowPlan)) {
      throw new RejectedAction('too-late', 'refusal.cycle.startInPast', { start: r.start, now: nowPlan });
    }
    return r;
  }

  validateSecurityCouncilMoved(request: unknown): z.infer<typeof SecurityCouncilMovedRequest> {
    const r = parse(SecurityCouncilMovedRequest, request, 'securityCouncilMoved');
    this.requireOrganizer(r.as, phrase('refusal.action.recordCouncilMove'));
    requirePhase(this.phase, BEFORE_THE_MEETING, phrase('refusal.action.recordCouncilMoveShort'));
    return r;
  }

  validateCouncilMoved(request: unknown): z.infer<typeof CouncilMovedRequest> {
    const r = parse(CouncilMovedRequest, request, 'councilMoved');
    // The session that owns the Council's date tells the cycle for its own organizer, who need not
    // organize the high-level meeting; anyone else must.
    const fromOwnSession = Boolean(r.source) && r.source === this.input.securityCouncil?.session;
    if (!fromOwnSession) this.requireOrganizer(r.as, phrase('refusal.action.recordCouncilMove'));
    requirePhase(this.phase, BEFORE_THE_MEETING, phrase('refusal.action.recordCouncilMoveShort'));
    return r;
  }

  validateFollowCouncil(request: unknown, nowPlan: string): z.infer<typeof FollowCouncilRequest> {
    const r = parse(FollowCouncilRequest, request, 'followCouncil');
    this.requireOrganizer(r.as, phrase('refusal.action.followCouncil'));
    requirePhase(this.phase, BEFORE_THE_MEETING, phrase('refusal.action.followCouncilShort'));
    const proposal = this.state.councilProposal;
    if (!proposal) {
      throw new RejectedAction('wrong-phase', 'refusal.cycle.noProposal');
    }
    if (Date.parse(proposal.start) <= Date.parse(nowPlan)) {
      throw new RejectedAction('too-late', 'refusal.cycle.proposalPassed', {
        start: proposal.start,
        now: nowPlan,
      });
    }
    return r;
  }

  validateComment(request: unknown): z.infer<typeof CommentRequest> & { organization: string } {
    const r = parse(CommentRequest, request, 'commentOnAgenda');
    const person = this.focalPointOf(r.as) ?? this.input.organizers.find((p) => sameAddress(p.email, r.as));
    if (!person) {
      throw new RejectedAction('wrong-actor', 'refusal.cycle.notFocalPoint', { you: r.as });
    }
    if (this.approved) {
      throw new RejectedAction('wrong-phase', 'refusal.cycle.commentsClosed');
    }
    if (this.phase !== 'agenda-comment') {
      throw new RejectedAction('wrong-phase', 'refusal.cycle.notCommentPeriod', {
        phase: phrase(`phase.cycle.${this.phase}`),
      });
    }
    return { ...r, organization: person.organization };
  }

  validateApproveAgenda(request: unknown): z.infer<typeof ApproveAgendaRequest> {
    const r = parse(ApproveAgendaRequest, request, 'approveAgenda');
    this.requireOrganizer(r.as, phrase('refusal.action.approveAgenda'));
    if (this.approved) throw new RejectedAction('duplicate', 'refusal.cycle.alreadyApproved');
    requirePhase(this.phase, ['agenda-comment', 'awaiting-approval'], phrase('refusal.action.approveAgenda'));
    return r;
  }

  validateRecordOutcome(request: unknown): z.infer<typeof RecordOutcomeRequest> {
    const r = parse(RecordOutcomeRequest, request, 'recordOutcome');
    this.requireOrganizer(r.as, phrase('refusal.action.recordOutcome'));
    requirePhase(this.phase, ['awaiting-outcome'], phrase('refusal.action.recordOutcomeAfterMeeting'));
    if (this.outcomeClaimed) throw new RejectedAction('duplicate', 'refusal.cycle.outcomeInProgress');
    const known = new Set(['un', ...this.input.participants.map((p) => p.id)]);
    const refs = new Set<string>();
    // Each index as text: a place in the file (decisions.2.ref), in Latin digits in every language.
    r.decisions.forEach((d, i) => {
      if (refs.has(d.ref))
        throw new RejectedAction('invalid-payload', 'refusal.cycle.refTwice', {
          index: String(i),
          ref: d.ref,
        });
      refs.add(d.ref);
      for (const org of [d.lead, ...d.responsible]) {
        if (!known.has(org)) {
          throw new RejectedAction('invalid-payload', 'refusal.cycle.notParticipant', {
            index: String(i),
            organization: org,
            known: [...known].join(', '),
          });
        }
      }
    });
    return r;
  }

  validateCancel(request: unknown): z.infer<typeof CancelRequest> {
    const r = parse(CancelRequest, request, 'cancel');
    this.requireOrganizer(r.as, phrase('refusal.action.cancelCycle'));
    if (this.phase === 'completed' || this.phase === 'cancelled')
      throw new RejectedAction('wrong-phase', 'refusal.cycle.alreadyEnded', {
        phase: phrase(`phase.cycle.${this.phase}`),
      });
    return r;
  }

  // ── changes: called by handlers after validation ─────────────────────────────────────────────────

  /** The meeting as a reschedule would make it; the venue stays unless a new one is given. */
  rescheduledMeeting(r: z.infer<typeof RescheduleRequest>): MeetingPlan {
    const m = this.state.meeting;
    return { ...m, start: r.start, end: r.end, venue: r.venue ?? m.venue };
  }

  reschedule(r: z.infer<typeof RescheduleRequest>, milestones: PlannedMilestone[], at: string): MeetingPlan {
    const previous = this.state.meeting;
    this.state.meeting = this.rescheduledMeeting(r);
    this.state.milestones = milestones;
    // Whatever the Council proposal said, the organizers have now chosen the dates.
    this.state.councilProposal = undefined;
    this.planVersion++;
    this.log(`rescheduled by ${r.as}: ${previous.start} → ${r.start}`, at);
    return previous;
  }

  securityCouncilMoved(r: z.infer<typeof CouncilMovedRequest>, at: string): void {
    const unchanged = this.state.securityCouncil?.start === r.start;
    this.state.securityCouncil = {
      title: r.title ?? this.state.securityCouncil?.title ?? 'Security Council meeting',
      start: r.start,
      timeZone: r.timeZone ?? this.state.securityCouncil?.timeZone ?? 'America/New_York',
      ...(this.input.securityCouncil?.session ? { session: this.input.securityCouncil.session } : {}),
    };
    // A proposal made for the Council's earlier date no longer answers.
    this.state.councilProposal = undefined;
    const source = r.source ? ` from ${r.source}` : '';
    const what = unchanged ? 'date confirmed as' : 'moved to';
    this.log(`Security Council meeting ${what} ${r.start} (recorded by ${r.as}${source})`, at);
  }

  /** The pending proposal, taken to be applied: a second follow finds none. */
  takeCouncilProposal(): CouncilProposal {
    const proposal = this.state.councilProposal!;
    this.state.councilProposal = undefined;
    return proposal;
  }

  comment(r: z.infer<typeof CommentRequest> & { organization: string }, at: string): AgendaComment {
    const comment: AgendaComment = { by: r.as, organization: r.organization, at, text: r.text, item: r.item };
    this.state.comments.push(comment);
    return comment;
  }

  /** Approval closes the comment period at once: the final agenda is written from what is in. */
  approve(r: z.infer<typeof ApproveAgendaRequest>, at: string): void {
    this.approved = true;
    this.approvedAt = at;
    this.log(`agenda approved by ${r.as}`, at);
  }

  /** Before the decisions are checked: a second call is refused until the first is done. */
  claimOutcome(): void {
    this.outcomeClaimed = true;
  }

  /** The outcome was refused (a decision id taken, or the cycle cancelled meanwhile): it may come again. */
  releaseOutcome(): void {
    this.outcomeClaimed = false;
  }

  /** Before any await: a second call is rejected by the validator's phase check. */
  recordOutcome(): void {
    this.outcomeRecorded = true;
    this.state.phase = 'completed';
  }

  cancel(r: z.infer<typeof CancelRequest>, at: string): void {
    this.state.cancelled = { by: r.as, reason: r.reason, at };
  }

  groupUpdated(summary: GroupSummary): void {
    this.state.groups = this.state.groups.map((g) => (g.id === summary.id ? summary : g));
  }

  /** Groups that can still be told something (a deadline moved, consolidation closed). */
  openGroupIds(): string[] {
    const ended = new Set(['accepted', 'closed', 'cancelled']);
    return this.state.groups.filter((g) => !ended.has(g.status)).map((g) => g.id);
  }

  /** The status with who owes what now. */
  status(): CycleState {
    return { ...this.state, pendingActions: this.pendingActions() };
  }

  /** Who owes what now: shown by `convene cycle status`. */
  pendingActions(): PendingAction[] {
    const deadlines = (name: MilestoneName) => this.state.milestones.find((m) => m.name === name)?.at;
    const organizers = listAddresses(this.input.organizers);
    switch (this.phase) {
      case 'scheduled':
        return [{ who: 'convene', what: 'sends the call for inputs', by: deadlines('callForInputs') }];
      case 'collecting-inputs':
      case 'consolidating':
        return this.state.groups.flatMap((g) => groupPending(g, organizers));
      case 'agenda-comment':
        return [
          {
            who: 'focal points of the participating organizations',
            what: 'may comment on the draft agenda',
            by: deadlines('commentPeriodEnd'),
          },
          { who: organizers, what: 'approves the agenda' },
        ];
      case 'awaiting-approval':
        return [{ who: organizers, what: 'approves the agenda', by: deadlines('invitations') }];
      case 'agenda-approved':
        return [
          {
            who: 'convene',
            what: 'sends the invitations with the final agenda',
            by: deadlines('invitations'),
          },
        ];
      case 'invitations':
        return [
          {
            who: 'convene',
            what: 'holds the meeting, then waits for the outcome',
            by: this.state.meeting.end,
          },
        ];
      case 'awaiting-outcome':
        return [{ who: organizers, what: 'records the outcome', by: deadlines('outcomeReportDue') }];
      case 'completed':
      case 'cancelled':
        return [];
    }
  }
}

function groupPending(g: GroupSummary, organizers: string): PendingAction[] {
  const pending: PendingAction[] = [];
  switch (g.status) {
    case 'awaiting-input':
      pending.push({ who: g.chair, what: `submits the ${g.title} input`, by: g.deadline });
      break;
    case 'revision-requested':
      pending.push({
        who: g.chair,
        what: `revises the ${g.title} input (version ${g.version})`,
        by: g.deadline,
      });
      break;
    case 'under-review':
      pending.push({ who: organizers, what: `reviews the ${g.title} input (version ${g.version})` });
      break;
    case 'accepted':
    case 'closed':
    case 'cancelled':
      break;
  }
  if (g.pendingExtension)
    pending.push({
      who: organizers,
      what: `decides on the ${g.title} extension to ${g.pendingExtension.until}`,
    });
  return pending;
}

function requirePhase(phase: CyclePhase, allowed: readonly CyclePhase[], action: Phrase): void {
  if (!allowed.includes(phase))
    throw new RejectedAction('wrong-phase', 'refusal.cycle.wrongPhase', {
      action,
      phase: phrase(`phase.cycle.${phase}`),
    });
}
