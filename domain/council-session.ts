/**
 * A Security Council meeting with regional and subregional organizations (`council-session-<year>`):
 * its specification as the workflow receives it, what people send it, and the rules and state the
 * workflow runs (the class `CouncilSession`). Partner organizations brief the Council on invitation
 * under rule 39 of its provisional rules of procedure. Only the Council affairs organizers (from the
 * trusted configuration) act on a session; a briefer answers their own invitation. Pure: zod only.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { CouncilOutcome, requestsOf, type OutcomeKind } from './council-outcome';
import { DeliveryFailure } from './delivery';
import { EditionKey } from './ids';
import { Language } from './language';
import { SaidPhrase } from './message-fields';
import { Email, OrganizationId } from './addresses';
import { Participant, listAddresses, sameAddress } from './people';
import {
  parsePayload,
  anyOf,
  phrase,
  RejectedAction,
  type Phrase,
  type RefusalKey,
  type RefusalValues,
  type RejectionCode,
} from './rejection';
import { Contact } from './roster';
import { Instant, Line, Text } from './text';
import type { TimeMapping } from './time-mapping';

// ── Identity ────────────────────────────────────────────────────────────────────────────────────────

/** "2005", or "r2005" for a rehearsal of the 2005 session: rehearsals never collide with real ones. */
export const CouncilSessionKey = z
  .string()
  .regex(/^r?(19|20)\d{2}$/, "must be a year such as '2006' (or 'r2005' for a rehearsal)");

export function councilSessionKey(year: number, rehearsal = false): string {
  return rehearsal ? `r${year}` : String(year);
}

// ── The specification, as the workflow receives it ──────────────────────────────────────────────────

export const BRIEFER_ROLES = ['head', 'representative'] as const;

/** The person who briefs the Council for a partner organization: its head or a representative. */
export const Briefer = Participant.extend({ role: z.enum(BRIEFER_ROLES), language: Language.optional() });
export type Briefer = z.infer<typeof Briefer>;

/** The basis on which a partner organization is invited to take part without a vote. */
export const INVITATION_BASES = ['rule-39'] as const;

export const InvitedPartner = z.object({
  organization: OrganizationId,
  acronym: Line(20),
  name: Line(200),
  briefer: Briefer,
  basis: z.enum(INVITATION_BASES).default('rule-39'),
});
export type InvitedPartner = z.infer<typeof InvitedPartner>;

/** The Council member holding the presidency that month, and the person who acts for it. */
export const Presidency = z.object({
  member: Line(100),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month such as 2005-10'),
  actingFor: Contact,
});
export type Presidency = z.infer<typeof Presidency>;

export const SessionMeeting = z.object({
  start: Instant,
  end: Instant,
  timeZone: z.string().min(1),
  venue: Line(300),
});
export type SessionMeeting = z.infer<typeof SessionMeeting>;

export const CouncilSessionInput = z
  .object({
    key: CouncilSessionKey,
    year: z.int().min(1945).max(2999),
    /** "The third meeting of the Security Council with regional and subregional organizations". */
    title: Line(300),
    theme: Line(300).optional(),
    meeting: SessionMeeting,
    presidency: Presidency,
    /** Council affairs organizers, from the trusted configuration: the only ones who act on it. */
    organizers: z.array(Participant).min(1, 'needs at least one Council affairs organizer'),
    councilMembers: z.array(Line(100)).min(1, 'needs the Council members'),
    partners: z.array(InvitedPartner).min(1, 'needs at least one invited partner organization'),
    /** Briefers answer by then; the organizers are told of those who have not. */
    replyBy: Instant,
    reminderOffsets: z.array(z.string()).default(['P7D', 'P3D', 'P1D']),
    /** The high-level meeting whose decisions carry this session's requests (e.g. 7). */
    decisionEdition: EditionKey,
    /** The preparation cycle this session is timed to coincide with (`hlm-7`), if any. */
    cycleWorkflowId: z.string().optional(),
    /** The Council affairs organizer who started it (`--as`): in whose name the cycle hears its date. */
    startedBy: Email.optional(),
    /** A rehearsal: `planStart` happens when the workflow starts, one day lasts `secondsPerDay`. */
    rehearsal: z.object({ secondsPerDay: z.number().positive().max(86_400), planStart: Instant }).optional(),
    /** Marks of the specification that are illustrative, not from the record (shown in the status). */
    illustrative: z.array(z.string()).default([]),
  })
  .superRefine((input, ctx) => {
    if (Date.parse(input.meeting.end) <= Date.parse(input.meeting.start))
      ctx.addIssue({ code: 'custom', path: ['meeting', 'end'], message: 'must be after meeting.start' });
    if (Date.parse(input.replyBy) >= Date.parse(input.meeting.start))
      ctx.addIssue({ code: 'custom', path: ['replyBy'], message: 'must be before meeting.start' });
    const seen = new Set<string>();
    input.partners.forEach((p, i) => {
      if (seen.has(p.organization))
        ctx.addIssue(
          ruleIssue(
            ['partners', i, 'organization'],
            'rule.invitedTwice',
            { organization: p.organization },
            `${p.organization} is invited twice`,
          ),
        );
      seen.add(p.organization);
    });
  });
export type CouncilSessionInput = z.input<typeof CouncilSessionInput>;
export type CouncilSessionParams = z.infer<typeof CouncilSessionInput>;

// ── What people send ────────────────────────────────────────────────────────────────────────────────

const As = Email;

export const ConceptNoteRequest = z.object({ as: As, title: Line(300), text: Text(50_000) });
export type ConceptNoteRequest = z.infer<typeof ConceptNoteRequest>;

export const InviteRequest = z.object({ as: As });
export type InviteRequest = z.infer<typeof InviteRequest>;

export const ANSWERS = ['confirm', 'decline'] as const;
export const AnswerRequest = z.object({
  as: As,
  organization: OrganizationId,
  answer: z.enum(ANSWERS),
  note: Text(2_000).optional(),
});
export type AnswerRequest = z.infer<typeof AnswerRequest>;

export const Speaker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('council-member'), member: Line(100), minutes: z.int().min(1).max(60) }),
  z.object({ kind: z.literal('briefer'), organization: OrganizationId, minutes: z.int().min(1).max(60) }),
  z.object({ kind: z.literal('secretariat'), name: Line(200), minutes: z.int().min(1).max(60) }),
]);
export type Speaker = z.infer<typeof Speaker>;

export const SetSpeakersRequest = z.object({
  as: As,
  speakers: z.array(Speaker).min(1, 'needs at least one speaker').max(100),
  /** Required once the list is frozen: a change after that is recorded with its reason. */
  reason: Text(1_000).optional(),
});
export type SetSpeakersRequest = z.infer<typeof SetSpeakersRequest>;

export const FreezeRequest = z.object({ as: As });
export type FreezeRequest = z.infer<typeof FreezeRequest>;

export const MoveRequest = z.object({ as: As, start: Instant, end: Instant, reason: Text(1_000) });
export type MoveRequest = z.infer<typeof MoveRequest>;

/**
 * The preparation cycle timed with this session was rescheduled (sent by the cycle, naming itself
 * in `source`, for the organizer who rescheduled it): whether the two still coincide, and why not.
 */
export const CycleMovedRequest = z
  .object({
    as: As,
    source: Line(200),
    meeting: z.object({ title: Line(300), start: Instant, end: Instant }),
    previousStart: Instant,
    coincide: z.boolean(),
    /** Why they no longer coincide (the calendar's words); absent when they do. */
    explanation: Text(2_000).optional(),
    /** The same as a catalog sentence, for the organizers' own language. */
    explanationSaid: SaidPhrase.optional(),
  })
  .refine((r) => r.coincide || r.explanation, {
    path: ['explanation'],
    message: 'is needed when the meetings no longer coincide',
  });
export type CycleMovedRequest = z.infer<typeof CycleMovedRequest>;

/** The high-level meeting as this session last heard of it from its cycle. */
export interface CycleMeeting {
  cycle: string;
  title: string;
  start: string;
  end: string;
  previousStart: string;
  coincide: boolean;
  explanation?: string;
  by: string;
  at: string;
}

export const RecordCouncilOutcomeRequest = z.object({ as: As, outcome: CouncilOutcome });
export type RecordCouncilOutcomeRequest = z.input<typeof RecordCouncilOutcomeRequest>;

// ── State ───────────────────────────────────────────────────────────────────────────────────────────

export const COUNCIL_PHASES = [
  'planning',
  'invitations',
  'meeting',
  'awaiting-outcome',
  'outcome-recorded',
  'following-requests',
  'completed',
] as const;
export type CouncilPhase = (typeof COUNCIL_PHASES)[number];

export interface ConceptNoteVersion {
  /** The store's id (`council-session-2005/concept-note`), version and content hash. */
  id: string;
  version: number;
  sha256: string;
  title: string;
  at: string;
  by: string;
}

export interface BrieferAnswer {
  answer: 'confirmed' | 'declined';
  at: string;
  by: string;
  note?: string;
}

export interface SpeakerLine {
  order: number;
  kind: Speaker['kind'];
  name: string;
  organization?: string;
  minutes: number;
}

export interface SpeakersChange {
  at: string;
  by: string;
  reason: string;
  before: SpeakerLine[];
  after: SpeakerLine[];
}

export interface SessionMove {
  at: string;
  by: string;
  reason: string;
  from: { start: string; end: string };
  to: { start: string; end: string };
}

export interface TrackedRequest {
  paragraph: number;
  ref: string;
  workflowId: string;
  source: string;
}

export interface CouncilSessionState {
  id: string;
  key: string;
  year: number;
  title: string;
  phase: CouncilPhase;
  rehearsal: boolean;
  meeting: SessionMeeting;
  presidency: Presidency;
  replyBy: string;
  conceptNotes: ConceptNoteVersion[];
  invitations?: { sentAt: string; by: string; sequence: number };
  /** Calendar revision of every briefer's entry: 0 for the invitation, one more per change. */
  icsSequence: number;
  answers: Record<string, BrieferAnswer>;
  remindersSent: string[];
  unansweredTold?: { at: string; organizations: string[] };
  speakers: { list: SpeakerLine[]; frozen?: { at: string; by: string }; changes: SpeakersChange[] };
  moves: SessionMove[];
  /** The high-level meeting's dates, as its cycle last told them after a reschedule. */
  cycleMeeting?: CycleMeeting;
  outcome?: CouncilOutcome & { recordedAt: string; recordedBy: string };
  requests: TrackedRequest[];
  deliveryFailures: DeliveryFailure[];
  illustrative: string[];
  log: Array<{ at: string; what: string }>;
}

/** A briefer as the status shows them, with their answer (or none yet). */
export interface PartnerStatus {
  organization: string;
  acronym: string;
  briefer: { name: string; email: string; role: string; timeZone: string; language?: string };
  basis: string;
  answer?: BrieferAnswer;
}

export interface CouncilSessionStatus extends CouncilSessionState {
  partners: PartnerStatus[];
  organizers: Array<{ name: string; email: string; timeZone: string; language?: string }>;
  /** Who owes an answer now. */
  awaitingAnswer: string[];
}

export interface ConceptNoteReceipt {
  version: number;
  id: string;
  sha256: string;
}

export const DeliveryFailureList = z.array(DeliveryFailure);

// ── The rules ───────────────────────────────────────────────────────────────────────────────────────

const answered = (answer: AnswerRequest['answer']): BrieferAnswer['answer'] =>
  answer === 'confirm' ? 'confirmed' : 'declined';

const reject = (code: RejectionCode, key: RefusalKey, values?: RefusalValues): never => {
  throw new RejectedAction(code, key, values);
};

/** The session's rules and state, readable and testable without Temporal. */
export class CouncilSession {
  readonly state: CouncilSessionState;
  mapping: TimeMapping | undefined;
  /** Moves on every change of the plan (a move, an answer), so the workflow re-plans its waits. */
  planVersion = 0;

  constructor(
    readonly input: CouncilSessionParams,
    id: string,
  ) {
    this.state = {
      id,
      key: input.key,
      year: input.year,
      title: input.title,
      phase: 'planning',
      rehearsal: Boolean(input.rehearsal),
      meeting: { ...input.meeting },
      presidency: input.presidency,
      replyBy: input.replyBy,
      conceptNotes: [],
      icsSequence: 0,
      answers: {},
      remindersSent: [],
      speakers: { list: [], changes: [] },
      moves: [],
      requests: [],
      deliveryFailures: [],
      illustrative: input.illustrative,
      log: [],
    };
  }

  log(what: string, at: string): void {
    this.state.log.push({ at, what });
  }

  status(): CouncilSessionStatus {
    return {
      ...this.state,
      partners: this.input.partners.map((p) => ({
        organization: p.organization,
        acronym: p.acronym,
        briefer: {
          name: p.briefer.name,
          email: p.briefer.email,
          role: p.briefer.role,
          timeZone: p.briefer.timeZone,
          ...(p.briefer.language ? { language: p.briefer.language } : {}),
        },
        basis: p.basis,
        ...(this.state.answers[p.organization] ? { answer: this.state.answers[p.organization] } : {}),
      })),
      organizers: this.input.organizers.map((o) => ({
        name: o.name,
        email: o.email,
        timeZone: o.timeZone,
        ...(o.language ? { language: o.language } : {}),
      })),
      awaitingAnswer: this.unanswered().map((p) => p.organization),
    };
  }

  partner(organization: string): InvitedPartner | undefined {
    return this.input.partners.find((p) => p.organization === organization);
  }

  /** Invited, not yet answered: they get reminders, and the organizers hear of them at the reply date. */
  unanswered(): InvitedPartner[] {
    return this.input.partners.filter((p) => !this.state.answers[p.organization]);
  }

  confirmed(): InvitedPartner[] {
    return this.input.partners.filter((p) => this.state.answers[p.organization]?.answer === 'confirmed');
  }

  /** Whoever has an entry in their calendar: every briefer invited who has not declined. */
  withCalendarEntry(): InvitedPartner[] {
    return this.input.partners.filter((p) => this.state.answers[p.organization]?.answer !== 'declined');
  }

  get outcomeRecorded(): boolean {
    return Boolean(this.state.outcome);
  }

  // ── who acts ──────────────────────────────────────────────────────────────────────────────────────

  requireOrganizer(as: string, action: Phrase): void {
    if (this.input.organizers.some((o) => sameAddress(o.email, as))) return;
    reject('wrong-actor', 'refusal.council.onlyOrganizers', {
      session: this.state.id,
      organizers: listAddresses(this.input.organizers),
      action,
      you: as,
    });
  }

  private requirePhase(allowed: readonly CouncilPhase[], action: Phrase): void {
    if (allowed.includes(this.state.phase)) return;
    reject('wrong-phase', 'refusal.council.wrongPhase', {
      action,
      allowed: anyOf(allowed.map((p) => phrase(`phase.council.${p}`))),
      phase: phrase(`phase.council.${this.state.phase}`),
    });
  }

  // ── checks, as validators and handlers run them ───────────────────────────────────────────────────

  validateConceptNote(r: unknown): ConceptNoteRequest {
    const req = parsePayload(ConceptNoteRequest, r, 'the concept note');
    this.requireOrganizer(req.as, phrase('refusal.action.council.putConceptNote'));
    this.requirePhase(['planning', 'invitations'], phrase('refusal.action.council.newConceptNote'));
    return req;
  }

  validateInvite(r: unknown): InviteRequest {
    const req = parsePayload(InviteRequest, r, 'the invitation request');
    this.requireOrganizer(req.as, phrase('refusal.action.council.sendInvitations'));
    if (this.state.invitations)
      reject('duplicate', 'refusal.council.invitationsSent', {
        at: this.state.invitations.sentAt,
        by: this.state.invitations.by,
      });
    this.requirePhase(['planning'], phrase('refusal.action.council.sendingInvitations'));
    if (!this.state.conceptNotes.length) reject('wrong-phase', 'refusal.council.conceptNoteFirst');
    return req;
  }

  /**
   * A briefer answers while the invitations are out, and may change their mind (a decline, then a
   * confirmation) until the list of speakers is frozen; after that only the organizers record a
   * change, and they change the list with a reason. `frozenAnswers: false` is the rule before that
   * (sessions whose histories recorded answers changed after the freeze replay by it).
   */
  validateAnswer(r: unknown, { frozenAnswers = true } = {}): AnswerRequest {
    const req = parsePayload(AnswerRequest, r, 'the answer');
    const partner = this.partner(req.organization);
    if (!partner)
      reject('not-found', 'refusal.council.notInvited', {
        organization: req.organization,
        session: this.state.id,
        invited: this.input.partners.map((p) => p.organization).join(', '),
      });
    const isBriefer = sameAddress(partner!.briefer.email, req.as);
    if (!isBriefer && !this.input.organizers.some((o) => sameAddress(o.email, req.as)))
      reject('wrong-actor', 'refusal.council.onlyBriefer', {
        organization: partner!.acronym,
        briefer: partner!.briefer.email,
        organizers: listAddresses(this.input.organizers),
        you: req.as,
      });
    this.requirePhase(['invitations'], phrase('refusal.action.council.answering'));
    const before = this.state.answers[req.organization]?.answer;
    const changes = before !== undefined && before !== answered(req.answer);
    const { frozen } = this.state.speakers;
    if (
      frozenAnswers &&
      frozen &&
      changes &&
      !this.input.organizers.some((o) => sameAddress(o.email, req.as))
    )
      reject('wrong-phase', 'refusal.council.answerFrozen', {
        organization: partner!.acronym,
        at: frozen.at,
        by: frozen.by,
        organizers: listAddresses(this.input.organizers),
      });
    return req;
  }

  validateSetSpeakers(r: unknown): SetSpeakersRequest {
    const req = parsePayload(SetSpeakersRequest, r, 'the list of speakers');
    this.requireOrganizer(req.as, phrase('refusal.action.council.setSpeakers'));
    this.requirePhase(
      ['planning', 'invitations', 'meeting'],
      phrase('refusal.action.council.changingSpeakers'),
    );
    if (this.state.speakers.frozen && !req.reason)
      reject('wrong-phase', 'refusal.council.frozenNeedsReason', {
        at: this.state.speakers.frozen.at,
        by: this.state.speakers.frozen.by,
      });
    req.speakers.forEach((s, i) => this.checkSpeaker(s, i));
    return req;
  }

  private checkSpeaker(s: Speaker, i: number): void {
    // The index as text: a place in the list (speakers.2.member), in Latin digits in every language.
    if (
      s.kind === 'council-member' &&
      !this.input.councilMembers.some((m) => m.toLowerCase() === s.member.toLowerCase())
    )
      reject('invalid-payload', 'refusal.council.notCouncilMember', {
        index: String(i),
        member: s.member,
        members: this.input.councilMembers.join(', '),
      });
    if (s.kind === 'briefer' && this.state.answers[s.organization]?.answer !== 'confirmed')
      reject('invalid-payload', 'refusal.council.brieferNotConfirmed', {
        index: String(i),
        organization: s.organization,
        confirmed:
          this.confirmed()
            .map((p) => p.organization)
            .join(', ') || 'none',
      });
  }

  validateFreeze(r: unknown): FreezeRequest {
    const req = parsePayload(FreezeRequest, r, 'the freeze request');
    this.requireOrganizer(req.as, phrase('refusal.action.council.freezeSpeakers'));
    if (this.state.speakers.frozen)
      reject('duplicate', 'refusal.council.alreadyFrozen', {
        at: this.state.speakers.frozen.at,
        by: this.state.speakers.frozen.by,
      });
    this.requirePhase(['planning', 'invitations'], phrase('refusal.action.council.freezingSpeakers'));
    if (!this.state.speakers.list.length) reject('wrong-phase', 'refusal.council.noSpeakers');
    return req;
  }

  validateMove(r: unknown, now: string): MoveRequest {
    const req = parsePayload(MoveRequest, r, 'the move');
    this.requireOrganizer(req.as, phrase('refusal.action.council.moveSession'));
    this.requirePhase(['planning', 'invitations'], phrase('refusal.action.council.movingSession'));
    if (Date.parse(req.end) <= Date.parse(req.start))
      reject('invalid-payload', 'refusal.council.endBeforeStart');
    if (Date.parse(req.start) <= Date.parse(now))
      reject('invalid-payload', 'refusal.council.startInPast', { start: req.start, now });
    if (Date.parse(req.start) <= Date.parse(this.state.replyBy))
      reject('invalid-payload', 'refusal.council.startBeforeReplyBy', { replyBy: this.state.replyBy });
    return req;
  }

  /** Only the cycle this session is timed with tells it of the high-level meeting's moves. */
  validateCycleMoved(r: unknown): CycleMovedRequest {
    const req = parsePayload(CycleMovedRequest, r, 'the move of the high-level meeting');
    if (req.source !== this.input.cycleWorkflowId)
      reject('wrong-actor', 'refusal.council.notItsCycle', {
        source: req.source,
        session: this.state.id,
      });
    return req;
  }

  validateRecordOutcome(r: unknown): RecordCouncilOutcomeRequest & { outcome: CouncilOutcome } {
    const req = parsePayload(RecordCouncilOutcomeRequest, r, 'the outcome');
    this.requireOrganizer(req.as, phrase('refusal.action.recordOutcome'));
    if (this.state.outcome)
      reject('duplicate', 'refusal.council.outcomeRecorded', {
        symbol: this.state.outcome.symbol,
        at: this.state.outcome.recordedAt,
      });
    this.requirePhase(['awaiting-outcome'], phrase('refusal.action.council.recordingOutcome'));
    return req;
  }

  // ── changes (each after its check) ────────────────────────────────────────────────────────────────

  addConceptNote(note: ConceptNoteVersion): ConceptNoteReceipt {
    const same = this.state.conceptNotes.find((n) => n.sha256 === note.sha256);
    if (!same) this.state.conceptNotes.push(note);
    const kept = same ?? note;
    return { id: kept.id, version: kept.version, sha256: kept.sha256 };
  }

  answer(req: AnswerRequest, now: string): BrieferAnswer {
    const answer: BrieferAnswer = {
      answer: answered(req.answer),
      at: now,
      by: req.as,
      ...(req.note ? { note: req.note } : {}),
    };
    const before = this.state.answers[req.organization];
    if (before && before.answer === answer.answer) return before;
    this.state.answers[req.organization] = answer;
    this.planVersion++;
    return answer;
  }

  setSpeakers(req: SetSpeakersRequest, now: string): SpeakerLine[] {
    const after = req.speakers.map((s, i) => this.speakerLine(s, i + 1));
    if (this.state.speakers.frozen)
      this.state.speakers.changes.push({
        at: now,
        by: req.as,
        reason: req.reason!,
        before: this.state.speakers.list,
        after,
      });
    this.state.speakers.list = after;
    return after;
  }

  private speakerLine(s: Speaker, order: number): SpeakerLine {
    switch (s.kind) {
      case 'council-member':
        return { order, kind: s.kind, name: s.member, minutes: s.minutes };
      case 'briefer': {
        const p = this.partner(s.organization)!;
        return {
          order,
          kind: s.kind,
          name: `${p.briefer.name} (${p.acronym})`,
          organization: p.organization,
          minutes: s.minutes,
        };
      }
      case 'secretariat':
        return { order, kind: s.kind, name: s.name, minutes: s.minutes };
    }
  }

  freeze(by: string, now: string): void {
    this.state.speakers.frozen = { at: now, by };
  }

  move(req: MoveRequest, now: string): SessionMove {
    const move: SessionMove = {
      at: now,
      by: req.as,
      reason: req.reason,
      from: { start: this.state.meeting.start, end: this.state.meeting.end },
      to: { start: req.start, end: req.end },
    };
    this.state.meeting = { ...this.state.meeting, start: req.start, end: req.end };
    this.state.moves.push(move);
    this.planVersion++;
    return move;
  }

  /** Recorded whenever it comes; the organizers need telling only while the session is ahead. */
  recordCycleMove(req: CycleMovedRequest, now: string): CycleMeeting {
    const { source, as, meeting, previousStart, coincide, explanation } = req;
    this.state.cycleMeeting = {
      cycle: source,
      ...meeting,
      previousStart,
      coincide,
      ...(explanation ? { explanation } : {}),
      by: as,
      at: now,
    };
    return this.state.cycleMeeting;
  }

  get beforeTheMeeting(): boolean {
    return this.state.phase === 'planning' || this.state.phase === 'invitations';
  }

  recordOutcome(outcome: CouncilOutcome, by: string, now: string): void {
    this.state.outcome = { ...outcome, recordedAt: now, recordedBy: by };
  }

  /** What the outcome asks of whom: one tracked decision per request. */
  requests(): ReturnType<typeof requestsOf> {
    return this.state.outcome ? requestsOf(this.state.outcome) : [];
  }

  outcomeKind(): OutcomeKind | undefined {
    return this.state.outcome?.kind;
  }
}
