/**
 * The rules of a preparation cycle, as a plain class: its phases, who may do what in which phase,
 * and what is pending from whom. workflows/preparation-cycle.ts wires Updates to these methods.
 */
import { z } from 'zod';
import type { CycleInput, MeetingPlan } from './cycle-input';
import { listAddresses, sameAddress, type Participant } from './people';
import { parsePayload as parse, RejectedAction } from './rejection';
import type { GroupStatus } from './working-group';

/** In order. `cancelled` may follow any phase before `completed`. */
export const CYCLE_PHASES = [
  'scheduled',
  'collecting-inputs',
  'consolidating',
  'agenda-comment',
  'awaiting-approval',
  'invitations',
  'awaiting-outcome',
  'completed',
  'cancelled',
] as const;
export type CyclePhase = (typeof CYCLE_PHASES)[number];

const Instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO date-time with offset, e.g. 2026-09-22T10:00:00-04:00',
});
const Text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const RescheduleRequest = z
  .object({
    as: z.email(),
    start: Instant,
    end: Instant,
    venue: Text(300).optional(),
    reason: Text(2_000).optional(),
  })
  .refine((r) => Date.parse(r.start) < Date.parse(r.end), { message: 'must be after start', path: ['end'] });
export type RescheduleRequest = z.input<typeof RescheduleRequest>;

export const SecurityCouncilMovedRequest = z.object({
  as: z.email(),
  start: Instant,
  title: Text(300).optional(),
});
export type SecurityCouncilMovedRequest = z.input<typeof SecurityCouncilMovedRequest>;

export const CommentRequest = z.object({ as: z.email(), text: Text(5_000), item: Text(200).optional() });
export type CommentRequest = z.input<typeof CommentRequest>;

export const ApproveAgendaRequest = z.object({ as: z.email(), note: Text(2_000).optional() });
export type ApproveAgendaRequest = z.input<typeof ApproveAgendaRequest>;

export const OutcomeDecision = z.object({
  ref: z.string().regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'must be a short lower-case reference such as 94b'),
  text: Text(5_000),
  area: Text(100),
  lead: z.string().min(1),
  responsible: z.array(z.string().min(1)).default([]),
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

export interface GroupSummary {
  id: string;
  title: string;
  chair: string;
  status: GroupStatus;
  version: number;
  late: boolean;
  deadline: string;
  pendingExtension?: { until: string; reason: string };
  remindersSent: number;
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
  constructor(readonly input: CycleInput) {}

  isOrganizer(email: string): boolean {
    return this.input.organizers.some((p) => sameAddress(p.email, email));
  }

  requireOrganizer(email: string, action: string): void {
    if (!this.isOrganizer(email)) {
      throw new RejectedAction(
        `only the organizers (${listAddresses(this.input.organizers)}) may ${action}; you are ${email}`,
      );
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

  validateReschedule(
    request: unknown,
    phase: CyclePhase,
    nowPlan: string,
  ): z.infer<typeof RescheduleRequest> {
    const r = parse(RescheduleRequest, request, 'reschedule');
    this.requireOrganizer(r.as, 'reschedule the meeting');
    requirePhase(
      phase,
      [
        'scheduled',
        'collecting-inputs',
        'consolidating',
        'agenda-comment',
        'awaiting-approval',
        'invitations',
      ],
      'reschedule',
    );
    if (Date.parse(r.start) <= Date.parse(nowPlan)) {
      throw new RejectedAction(`start: ${r.start} is in the past (now is ${nowPlan}); choose a future date`);
    }
    return r;
  }

  validateSecurityCouncilMoved(
    request: unknown,
    phase: CyclePhase,
  ): z.infer<typeof SecurityCouncilMovedRequest> {
    const r = parse(SecurityCouncilMovedRequest, request, 'securityCouncilMoved');
    this.requireOrganizer(r.as, 'record a move of the Security Council meeting');
    requirePhase(
      phase,
      [
        'scheduled',
        'collecting-inputs',
        'consolidating',
        'agenda-comment',
        'awaiting-approval',
        'invitations',
      ],
      'record a Security Council move',
    );
    return r;
  }

  validateComment(
    request: unknown,
    phase: CyclePhase,
  ): z.infer<typeof CommentRequest> & { organization: string } {
    const r = parse(CommentRequest, request, 'commentOnAgenda');
    const person = this.focalPointOf(r.as) ?? this.input.organizers.find((p) => sameAddress(p.email, r.as));
    if (!person) {
      throw new RejectedAction(
        `only focal points of the participating organizations may comment on the draft agenda; ${r.as} is not one (see \`convene orgs list\`)`,
      );
    }
    if (phase !== 'agenda-comment') {
      throw new RejectedAction(
        `the draft agenda is not open for comment (the cycle is ${phase}); comments are taken during the comment period only`,
      );
    }
    return { ...r, organization: person.organization };
  }

  validateApproveAgenda(request: unknown, phase: CyclePhase): z.infer<typeof ApproveAgendaRequest> {
    const r = parse(ApproveAgendaRequest, request, 'approveAgenda');
    this.requireOrganizer(r.as, 'approve the agenda');
    requirePhase(phase, ['agenda-comment', 'awaiting-approval'], 'approve the agenda');
    return r;
  }

  validateRecordOutcome(request: unknown, phase: CyclePhase): z.infer<typeof RecordOutcomeRequest> {
    const r = parse(RecordOutcomeRequest, request, 'recordOutcome');
    this.requireOrganizer(r.as, 'record the outcome');
    requirePhase(phase, ['awaiting-outcome'], 'record the outcome (it is taken after the meeting)');
    const known = new Set(['un', ...this.input.participants.map((p) => p.id)]);
    const refs = new Set<string>();
    r.decisions.forEach((d, i) => {
      if (refs.has(d.ref)) throw new RejectedAction(`decisions.${i}.ref: "${d.ref}" is used twice`);
      refs.add(d.ref);
      for (const org of [d.lead, ...d.responsible]) {
        if (!known.has(org)) {
          throw new RejectedAction(
            `decisions.${i}: "${org}" is not a participating organization (${[...known].join(', ')})`,
          );
        }
      }
    });
    return r;
  }

  validateCancel(request: unknown, phase: CyclePhase): z.infer<typeof CancelRequest> {
    const r = parse(CancelRequest, request, 'cancel');
    this.requireOrganizer(r.as, 'cancel the cycle');
    if (phase === 'completed' || phase === 'cancelled')
      throw new RejectedAction(`the cycle is already ${phase}`);
    return r;
  }

  /** Who owes what now: shown by `convene cycle status`. */
  pendingActions(
    phase: CyclePhase,
    groups: GroupSummary[],
    deadlines: Partial<Record<string, string>>,
  ): PendingAction[] {
    const organizers = listAddresses(this.input.organizers);
    switch (phase) {
      case 'scheduled':
        return [{ who: 'convene', what: 'sends the call for inputs', by: deadlines.callForInputs }];
      case 'collecting-inputs':
      case 'consolidating':
        return groups.flatMap((g) => groupPending(g, organizers));
      case 'agenda-comment':
        return [
          {
            who: 'focal points of the participating organizations',
            what: 'may comment on the draft agenda',
            by: deadlines.commentPeriodEnd,
          },
          { who: organizers, what: 'approves the agenda' },
        ];
      case 'awaiting-approval':
        return [{ who: organizers, what: 'approves the agenda', by: deadlines.invitations }];
      case 'invitations':
        return [
          {
            who: 'convene',
            what: 'holds the meeting, then waits for the outcome',
            by: this.input.meeting.end,
          },
        ];
      case 'awaiting-outcome':
        return [{ who: organizers, what: 'records the outcome', by: deadlines.outcomeReportDue }];
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

function requirePhase(phase: CyclePhase, allowed: CyclePhase[], action: string): void {
  if (!allowed.includes(phase)) throw new RejectedAction(`cannot ${action}: the cycle is ${phase}`);
}

export function meetingChanged(a: MeetingPlan, b: MeetingPlan): boolean {
  return a.start !== b.start || a.end !== b.end || a.venue !== b.venue;
}
