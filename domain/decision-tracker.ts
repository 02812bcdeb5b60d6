/**
 * The rules of one decision, as a plain class: who may report, claim, verify, extend, reassign or
 * close it; how its status moves; when the next request, reminder, escalation or stall is due. The
 * workflow (workflows/decision-tracking.ts) wires Updates and timers to these methods and does the
 * I/O; tests exercise the rules without Temporal. Every method takes `now` from the caller.
 */
import type { z } from 'zod';
import { addIsoDuration } from './duration';
import {
  decisionTitle,
  isClosed,
  isOverdueAt,
  isOwed,
  type ActionReceipt,
  type DecisionPolicy,
  type DecisionSpec,
  type DecisionStatus,
  type EscalationStep,
} from './decision';
import type {
  DecisionState,
  DecisionView,
  UpcomingAction,
  Notice,
  OrganizationResponse,
  ResponseState,
} from './decision-record';
import type {
  ClaimImplementedRequest,
  ExtendDueDateRequest,
  ReassignLeadRequest,
  ReportProgressRequest,
  SupersedeRequest,
  VerdictRequest,
  WithdrawRequest,
  DecisionAction,
} from './decision-requests';
import type { DeliveryFailure } from './delivery';
import { workflowIds } from './ids';
import type { Participant } from './people';
import type * as Requests from './decision-requests';
import { parsePayload, phrase, RejectedAction, type Phrase } from './rejection';
import { Roster } from './roster';

/**
 * The Update payloads' schemas, built on the first Update that needs them: a workflow builds its
 * own copy of every schema it loads (workflows/index.ts), and most decisions wait months for one.
 */
function requests(): typeof Requests {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return require('./decision-requests') as typeof Requests;
}

export type DueAction =
  | { kind: 'progress-request'; at: number; recipients: Participant[] }
  | { kind: 'due-soon'; at: number; recipients: Participant[] }
  | {
      kind: 'escalation';
      at: number;
      step: number;
      audience: EscalationStep['notify'];
      recipients: Participant[];
    }
  | { kind: 'stall'; at: number; recipients: Participant[] }
  /** A claim awaits verification: the committee is reminded (`count`: this reminder's number). */
  | { kind: 'verification-reminder'; at: number; count: number; recipients: Participant[] }
  /** The reminders went unanswered: the committee chair is told, once per claim. */
  | { kind: 'verification-escalation'; at: number; count: number; recipients: Participant[] };

type Parsed<S extends z.ZodType> = z.output<S>;

const iso = (ms: number) => new Date(ms).toISOString();

export class DecisionTracker {
  /**
   * Whether a pending claim has timers of its own (reminders to verify it). Workflows that began
   * before this rule keep it off, so their recorded histories replay unchanged.
   */
  remindsPendingClaims = true;

  constructor(
    readonly state: DecisionState,
    public roster: Roster,
    public policy: DecisionPolicy,
  ) {}

  /** The state of a decision just adopted; tracking starts `now` (stall detection counts from here). */
  static adopt(spec: DecisionSpec, now: string): DecisionState {
    const responses: OrganizationResponse[] = [
      { organization: spec.leadOrganization, role: 'lead', state: 'pending', reportIds: [] },
      ...spec.responsibleOrganizations.map((organization): OrganizationResponse => ({
        organization,
        role: 'responsible',
        state: 'pending',
        reportIds: [],
      })),
    ];
    // Built, not parsed: every part comes from the parsed specification, and the record's schema
    // (decision-record.ts) is loaded only for a carried record.
    return {
      spec: { ...spec, responsibleOrganizations: [...spec.responsibleOrganizations] },
      status: 'adopted',
      lead: spec.leadOrganization,
      responsible: [...spec.responsibleOrganizations],
      dueDate: iso(Date.parse(spec.dueDate)),
      reports: [],
      responses,
      claims: [],
      extensions: [],
      leadChanges: [],
      statusChanges: [],
      notices: [],
      mailFailures: [],
      timers: {
        lastRequestAt: iso(Date.parse(spec.adoptedAt)),
        lastActivityAt: iso(Math.max(Date.parse(spec.adoptedAt), Date.parse(now))),
        ladder: { dueDate: iso(Date.parse(spec.dueDate)), sentAt: [] },
      },
      mailSequence: 0,
    };
  }

  get id(): string {
    return workflowIds.decision(this.state.spec.edition, this.state.spec.ref);
  }

  get title(): string {
    return decisionTitle(this.state.spec);
  }

  get closed(): boolean {
    return isClosed(this.state.status);
  }

  /** "decision 94a (AU leads)": how rejections name the decision. */
  private get name(): string {
    return `decision ${this.state.spec.ref} of HLM ${this.state.spec.edition}`;
  }

  // ── Dispatch: what the workflow calls for each Update ─────────────────────────────────────────────

  /** The validator's check: payload, actor and state; throws RejectedAction with the reason. */
  check(action: DecisionAction, raw: unknown): void {
    switch (action) {
      case 'reportProgress':
        return void this.checkReport(raw);
      case 'claimImplemented':
        return void this.checkClaim(raw);
      case 'verify':
        return void this.checkVerdict(raw, 'verify');
      case 'rejectClaim':
        return void this.checkVerdict(raw, 'reject');
      case 'extendDueDate':
        return void this.checkExtension(raw);
      case 'reassignLead':
        return void this.checkReassign(raw);
      case 'withdraw':
        return void this.checkWithdraw(raw);
      case 'supersede':
        return void this.checkSupersede(raw);
    }
  }

  /** The handler's change, checked again (the state may have moved since the validator ran). */
  apply(action: DecisionAction, raw: unknown, now: string, newId: () => string): ActionReceipt {
    switch (action) {
      case 'reportProgress':
        return this.report(raw, now, newId);
      case 'claimImplemented':
        return this.claim(raw, now, newId);
      case 'verify':
        return this.verify(raw, now);
      case 'rejectClaim':
        return this.rejectClaim(raw, now);
      case 'extendDueDate':
        return this.extendDueDate(raw, now);
      case 'reassignLead':
        return this.reassignLead(raw, now);
      case 'withdraw':
        return this.withdraw(raw, now);
      case 'supersede':
        return this.supersede(raw, now);
    }
  }

  /** Organizations an action brings in whose focal points the roster does not know yet (a new lead). */
  newOrganizations(action: DecisionAction, raw: unknown): string[] {
    if (action !== 'reassignLead') return [];
    const parsed = requests().ReassignLeadRequest.safeParse(raw);
    return parsed.success && !this.roster.organization(parsed.data.leadOrganization)
      ? [parsed.data.leadOrganization]
      : [];
  }

  // ── Progress reports ──────────────────────────────────────────────────────────────────────────────

  /** Lead or responsible focal points only; returns the parsed report and the reporting organization. */
  checkReport(raw: unknown): { request: Parsed<typeof ReportProgressRequest>; organization: string } {
    const request = parseAction('reportProgress', raw);
    this.requireOpen(phrase('refusal.action.reportProgressOn'));
    const organization = this.roster.organizationOf(request.as, [this.state.lead, ...this.state.responsible]);
    if (!organization) {
      const who = [this.state.lead, ...this.state.responsible].map((id) => this.roster.describe(id));
      throw new RejectedAction('wrong-actor', 'refusal.decision.onlyReporters', {
        lead: who[0]!,
        responsible: who.length > 1 ? who.slice(1).join(', ') : 'none',
        decision: this.name,
        you: request.as,
      });
    }
    const earlier = request.reportId && this.state.reports.find((r) => r.id === request.reportId);
    if (earlier && earlier.by !== request.as) {
      throw new RejectedAction('duplicate', 'refusal.decision.reportIdUsed', {
        reportId: request.reportId!,
        by: earlier.by,
      });
    }
    return { request, organization };
  }

  report(raw: unknown, now: string, newId: () => string): ActionReceipt {
    const { request, organization } = this.checkReport(raw);
    if (request.reportId && this.state.reports.some((r) => r.id === request.reportId)) {
      return this.receipt(now, true, request.reportId);
    }
    const id = request.reportId ?? newId();
    this.state.reports.push({
      id,
      at: now,
      by: request.as,
      organization,
      percent: request.percent,
      narrative: request.narrative,
      evidence: request.evidence,
    });
    this.respond(organization, request.response ?? responseFromPercent(request.percent), now, id);
    this.state.timers.lastActivityAt = now;
    if (this.state.status === 'adopted' || this.state.status === 'stalled') {
      this.changeStatus(
        'in-progress',
        now,
        request.as,
        `progress reported by ${this.roster.acronym(organization)}`,
      );
    }
    return this.receipt(now, false, id);
  }

  private respond(organization: string, state: ResponseState, now: string, reportId: string): void {
    const response = this.state.responses.find((r) => r.organization === organization);
    if (!response) return;
    response.state = state;
    response.updatedAt = now;
    response.reportIds.push(reportId);
  }

  // ── Claim and verification ────────────────────────────────────────────────────────────────────────

  checkClaim(raw: unknown): Parsed<typeof ClaimImplementedRequest> {
    const request = parseAction('claimImplemented', raw);
    this.requireOpen(phrase('refusal.action.claimImplementationOf'));
    if (!this.roster.organizationOf(request.as, [this.state.lead])) {
      throw new RejectedAction('wrong-actor', 'refusal.decision.onlyLeadClaims', {
        lead: this.roster.describe(this.state.lead),
        decision: this.name,
        you: request.as,
      });
    }
    const pending = this.pendingClaim();
    if (pending && !(request.claimId && pending.id === request.claimId)) {
      throw new RejectedAction('duplicate', 'refusal.decision.claimPending', {
        decision: this.name,
        by: pending.by,
        at: pending.at,
      });
    }
    return request;
  }

  claim(raw: unknown, now: string, newId: () => string): ActionReceipt {
    const request = this.checkClaim(raw);
    const pending = this.pendingClaim();
    if (pending) return this.receipt(now, true, pending.id);
    const id = request.claimId ?? newId();
    this.state.claims.push({
      id,
      at: now,
      by: request.as,
      summary: request.summary,
      evidence: request.evidence,
    });
    this.changeStatus(
      'implementation-claimed',
      now,
      request.as,
      'implementation claimed by the lead organization',
    );
    return this.receipt(now, false, id);
  }

  checkVerdict(raw: unknown, verdict: 'verify' | 'reject'): Parsed<typeof VerdictRequest> {
    const request = parseAction(verdict === 'verify' ? 'verify' : 'rejectClaim', raw);
    const action = phrase(verdict === 'verify' ? 'refusal.action.verify' : 'refusal.action.rejectClaimOn', {
      decision: this.name,
    });
    const member = this.roster.requireMember(request.as, action);
    if (!this.pendingClaim()) {
      throw new RejectedAction('wrong-phase', 'refusal.decision.noClaim', {
        decision: this.name,
        verdict,
        status: phrase(`status.${this.state.status}`),
      });
    }
    this.requireNoConflict(
      member.organization,
      phrase(verdict === 'verify' ? 'refusal.action.verifyItsClaim' : 'refusal.action.rejectItsClaim'),
    );
    return request;
  }

  /** The committee watches the lead; a member from the lead's own organization judges nothing of it. */
  private requireNoConflict(memberOrganization: string, action: Phrase): void {
    if (memberOrganization !== this.state.lead) return;
    throw new RejectedAction('conflict-of-interest', 'refusal.decision.conflictOfInterest', {
      organization: this.roster.acronym(memberOrganization),
      decision: this.name,
      action,
    });
  }

  verify(raw: unknown, now: string): ActionReceipt {
    const request = this.checkVerdict(raw, 'verify');
    const claim = this.pendingClaim()!;
    claim.outcome = { verdict: 'verified', by: request.as, at: now, reasons: request.reasons };
    this.state.closure = { status: 'verified', at: now, by: request.as, reasons: request.reasons };
    this.changeStatus('verified', now, request.as, 'implementation verified by the standing committee');
    return this.receipt(now, false, claim.id);
  }

  rejectClaim(raw: unknown, now: string): ActionReceipt {
    const request = this.checkVerdict(raw, 'reject');
    const claim = this.pendingClaim()!;
    claim.outcome = { verdict: 'rejected', by: request.as, at: now, reasons: request.reasons };
    this.state.timers.lastActivityAt = now;
    this.changeStatus('in-progress', now, request.as, `claim rejected: ${request.reasons}`);
    return this.receipt(now, false, claim.id);
  }

  private pendingClaim() {
    const last = this.state.claims.at(-1);
    return last && !last.outcome ? last : undefined;
  }

  // ── Due date, lead, closure ───────────────────────────────────────────────────────────────────────

  checkExtension(raw: unknown): Parsed<typeof ExtendDueDateRequest> {
    const request = parseAction('extendDueDate', raw);
    const member = this.roster.requireMember(
      request.as,
      phrase('refusal.action.extendDueDateOf', { decision: this.name }),
    );
    this.requireOpen(phrase('refusal.action.extend'));
    this.requireNoConflict(member.organization, phrase('refusal.action.extendItsDueDate'));
    const last = this.state.extensions.at(-1);
    const sameAsLast = last && last.to === iso(Date.parse(request.dueDate)) && last.by === request.as;
    if (!sameAsLast && Date.parse(request.dueDate) <= Date.parse(this.state.dueDate)) {
      throw new RejectedAction('invalid-payload', 'refusal.decision.dueDateNotLater', {
        dueDate: request.dueDate,
        current: this.state.dueDate,
      });
    }
    return request;
  }

  extendDueDate(raw: unknown, now: string): ActionReceipt {
    const request = this.checkExtension(raw);
    const to = iso(Date.parse(request.dueDate));
    if (to === this.state.dueDate) return this.receipt(now, true);
    this.state.extensions.push({
      at: now,
      by: request.as,
      from: this.state.dueDate,
      to,
      reason: request.reason,
    });
    this.state.dueDate = to;
    return this.receipt(now, false);
  }

  checkReassign(raw: unknown): Parsed<typeof ReassignLeadRequest> {
    const request = parseAction('reassignLead', raw);
    this.roster.requireOrganizer(
      request.as,
      phrase('refusal.action.reassignLeadOf', { decision: this.name }),
    );
    this.requireOpen(phrase('refusal.action.reassign'));
    if (!this.roster.knows(request.leadOrganization)) {
      throw new RejectedAction('not-found', 'refusal.decision.unknownOrganization', {
        organization: request.leadOrganization,
        known: this.roster.data.knownOrganizationIds.join(', '),
      });
    }
    return request;
  }

  /** The roster must already hold the new lead's focal points (the workflow loads them first). */
  reassignLead(raw: unknown, now: string): ActionReceipt {
    const request = this.checkReassign(raw);
    const from = this.state.lead;
    const to = request.leadOrganization;
    if (from === to) return this.receipt(now, true);
    this.state.leadChanges.push({ at: now, by: request.as, from, to, reason: request.reason });
    this.state.lead = to;
    this.state.responsible = this.state.responsible.filter((id) => id !== to);
    for (const response of this.state.responses) {
      if (response.organization === from) response.role = 'former-lead';
      if (response.organization === to) response.role = 'lead';
    }
    if (!this.state.responses.some((r) => r.organization === to)) {
      this.state.responses.push({ organization: to, role: 'lead', state: 'pending', reportIds: [] });
    }
    this.state.timers.lastActivityAt = now;
    return this.receipt(now, false);
  }

  checkWithdraw(raw: unknown): Parsed<typeof WithdrawRequest> {
    const request = parseAction('withdraw', raw);
    this.roster.requireOrganizer(
      request.as,
      phrase('refusal.action.withdrawDecision', { decision: this.name }),
    );
    this.requireOpen(phrase('refusal.action.withdraw'));
    return request;
  }

  withdraw(raw: unknown, now: string): ActionReceipt {
    const request = this.checkWithdraw(raw);
    this.state.closure = { status: 'withdrawn', at: now, by: request.as, reasons: request.reason };
    this.changeStatus('withdrawn', now, request.as, request.reason);
    return this.receipt(now, false);
  }

  checkSupersede(raw: unknown): Parsed<typeof SupersedeRequest> {
    const request = parseAction('supersede', raw);
    this.roster.requireOrganizer(
      request.as,
      phrase('refusal.action.supersedeDecision', { decision: this.name }),
    );
    this.requireOpen(phrase('refusal.action.supersede'));
    return request;
  }

  supersede(raw: unknown, now: string): ActionReceipt {
    const request = this.checkSupersede(raw);
    this.state.closure = {
      status: 'superseded',
      at: now,
      by: request.as,
      reasons: request.reason,
      supersededBy: request.supersededBy,
    };
    this.changeStatus(
      'superseded',
      now,
      request.as,
      `superseded by ${request.supersededBy}: ${request.reason}`,
    );
    return this.receipt(now, false);
  }

  private requireOpen(action: Phrase): void {
    if (this.closed) {
      const c = this.state.closure;
      throw new RejectedAction('wrong-phase', 'refusal.decision.closed', {
        decision: this.name,
        status: phrase(`status.${this.state.status}`),
        by: c?.by ?? 'none',
        at: c?.at ?? '',
        action,
      });
    }
  }

  private changeStatus(to: DecisionStatus, at: string, by: string, why: string): void {
    if (this.state.status === to) return;
    this.state.statusChanges.push({ at, from: this.state.status, to, by, why });
    this.state.status = to;
  }

  private receipt(at: string, duplicate: boolean, id?: string): ActionReceipt {
    return { decision: this.id, status: this.state.status, at, duplicate, ...(id ? { id } : {}) };
  }

  // ── Timers ────────────────────────────────────────────────────────────────────────────────────────

  /** Every action still to come, each at the instant it falls due (possibly already past). */
  upcoming(nowMs: number): DueAction[] {
    if (this.state.status === 'implementation-claimed') {
      return this.remindsPendingClaims ? this.verificationChase() : [];
    }
    if (!isOwed(this.state.status)) return [];
    return [this.nextEscalation(), this.stallCheck(), this.dueSoon(nowMs), this.progressRequest()].filter(
      (a): a is DueAction => a !== undefined,
    );
  }

  /** The first action due at `nowMs`, escalations first; the workflow runs it and calls `record`. */
  dueAction(nowMs: number): DueAction | undefined {
    return this.upcoming(nowMs).find((a) => a.at <= nowMs);
  }

  /** When the workflow must next wake up, if anything is to come. */
  nextWakeAt(nowMs: number): number | undefined {
    const times = this.upcoming(nowMs).map((a) => a.at);
    return times.length ? Math.min(...times) : undefined;
  }

  private progressRequest(): DueAction {
    const lastReport = this.state.reports.at(-1)?.at;
    const base = Math.max(
      Date.parse(this.state.timers.lastRequestAt),
      lastReport ? Date.parse(lastReport) : 0,
    );
    return {
      kind: 'progress-request',
      at: addIsoDuration(base, this.policy.reportCadence),
      recipients: this.owingFocalPoints(),
    };
  }

  private dueSoon(nowMs: number): DueAction | undefined {
    const due = Date.parse(this.state.dueDate);
    if (this.state.timers.dueSoonSentFor === this.state.dueDate || nowMs >= due) return undefined;
    return {
      kind: 'due-soon',
      at: addIsoDuration(due, this.policy.dueSoonBefore, -1),
      recipients: this.owingFocalPoints(),
    };
  }

  private nextEscalation(): DueAction | undefined {
    const steps = this.policy.escalation;
    const sent = this.ladderSent();
    const index = sent.length;
    const step = steps[index];
    if (!step) return undefined;
    const due = Date.parse(this.state.dueDate);
    let at = addIsoDuration(due, step.after);
    const previousStep = steps[index - 1];
    const previousSent = sent[index - 1];
    if (previousStep && previousSent) {
      // Keep the ladder's spacing even when the steps start late (e.g. a decision imported overdue).
      const gap = at - addIsoDuration(due, previousStep.after);
      at = Math.max(at, Date.parse(previousSent) + gap);
    }
    return {
      kind: 'escalation',
      at,
      step: index,
      audience: step.notify,
      recipients: this.audience(step.notify),
    };
  }

  private stallCheck(): DueAction | undefined {
    if (this.state.status === 'stalled') return undefined;
    return {
      kind: 'stall',
      at: addIsoDuration(Date.parse(this.state.timers.lastActivityAt), this.policy.stallAfter),
      recipients: this.roster.data.committee,
    };
  }

  /**
   * While a claim awaits verification: a reminder to the members who may verify it every
   * `verificationReminderEvery` from the claim; after `verificationRemindersBeforeChair` of them,
   * the chair is told once, and the reminders go on.
   */
  private verificationChase(): DueAction[] {
    const claim = this.pendingClaim();
    if (!claim) return [];
    const chase = this.verificationSent(claim.id);
    const every = this.policy.verificationReminderEvery;
    const last = chase.remindersAt.at(-1) ?? claim.at;
    const count = chase.remindersAt.length;
    const reminder: DueAction = {
      kind: 'verification-reminder',
      at: addIsoDuration(Date.parse(last), every),
      count: count + 1,
      recipients: this.verifiers(),
    };
    if (count < this.policy.verificationRemindersBeforeChair || chase.chairToldAt) return [reminder];
    const escalation: DueAction = {
      kind: 'verification-escalation',
      at: Date.parse(chase.remindersAt.at(-1)!),
      count,
      recipients: this.roster.chairs(),
    };
    return [escalation, reminder];
  }

  /** What has been sent for the claim `claimId` (nothing yet for a new claim). */
  private verificationSent(claimId: string): NonNullable<DecisionState['timers']['verification']> {
    const sent = this.state.timers.verification;
    return sent?.claimId === claimId ? sent : { claimId, remindersAt: [] };
  }

  /** Committee members who may verify: none from the lead organization (conflict of interest). */
  verifiers(): Participant[] {
    return this.roster.data.committee.filter((m) => m.organization !== this.state.lead);
  }

  /** The claim awaiting the committee's verdict, if any. */
  get pending(): DecisionState['claims'][number] | undefined {
    return this.pendingClaim();
  }

  /** The steps already climbed for the current due date (an extension starts afresh). */
  private ladderSent(): string[] {
    const ladder = this.state.timers.ladder;
    return ladder.dueDate === this.state.dueDate ? ladder.sentAt : [];
  }

  /** Marks an action done at `now`: the timers move on, a stall changes the status. */
  record(action: DueAction, now: string): Notice {
    switch (action.kind) {
      case 'progress-request':
        this.state.timers.lastRequestAt = now;
        break;
      case 'due-soon':
        this.state.timers.dueSoonSentFor = this.state.dueDate;
        break;
      case 'escalation':
        this.state.timers.ladder = { dueDate: this.state.dueDate, sentAt: [...this.ladderSent(), now] };
        break;
      case 'stall':
        this.changeStatus(
          'stalled',
          now,
          'convene',
          `no progress reported since ${this.state.timers.lastActivityAt}`,
        );
        break;
      case 'verification-reminder':
      case 'verification-escalation':
        this.recordVerificationChase(action.kind, now);
        break;
    }
    const notice: Notice = {
      kind: action.kind === 'escalation' ? 'escalation' : action.kind,
      at: now,
      ...(action.kind === 'escalation' ? { step: action.step } : {}),
      audience: action.kind === 'escalation' ? action.audience : defaultAudience(action.kind),
      recipients: action.recipients.map((p) => p.email),
    };
    this.state.notices.push(notice);
    return notice;
  }

  private recordVerificationChase(kind: 'verification-reminder' | 'verification-escalation', now: string) {
    const claim = this.pendingClaim();
    if (!claim) return;
    const sent = this.verificationSent(claim.id);
    this.state.timers.verification =
      kind === 'verification-reminder'
        ? { ...sent, remindersAt: [...sent.remindersAt, now] }
        : { ...sent, chairToldAt: now };
  }

  /** A change was told to `recipients` (as `audience`): kept with the other notices, for the record. */
  recordTold(event: string, audience: string, recipients: readonly Participant[], now: string): void {
    this.state.notices.push({
      kind: 'event',
      at: now,
      event,
      audience,
      recipients: recipients.map((p) => p.email),
    });
  }

  recordMailFailures(failures: DeliveryFailure[]): void {
    this.state.mailFailures.push(...failures);
  }

  /** A stable, unique key per message of this decision (across retries, replays and runs). */
  nextMailKey(kind: string): string {
    this.state.mailSequence += 1;
    return `${this.id}:${kind}:${this.state.mailSequence}`;
  }

  // ── Audiences ─────────────────────────────────────────────────────────────────────────────────────

  /** The lead's focal points, and those of responsible organizations that are not done. */
  owingFocalPoints(): Participant[] {
    const notDone = this.state.responsible.filter(
      (id) => this.state.responses.find((r) => r.organization === id)?.state !== 'done',
    );
    return this.roster.focalPoints([this.state.lead, ...notDone]);
  }

  audience(who: EscalationStep['notify']): Participant[] {
    switch (who) {
      case 'lead':
        return this.roster.focalPoints([this.state.lead]);
      case 'responsible':
        return this.roster.focalPoints(this.state.responsible);
      case 'committee-chair':
        return this.roster.chairs();
      case 'committee':
        return this.roster.data.committee;
      case 'organizers':
        return this.roster.data.organizers;
    }
  }

  isOverdue(nowMs: number): boolean {
    return isOverdueAt(this.state, nowMs);
  }

  /** The last report, as a line a person reads in a digest or an agenda. */
  lastReport(): DecisionView['lastReport'] {
    const last = this.state.reports.at(-1);
    if (!last) return undefined;
    const summary = `${last.percent}% (${this.roster.acronym(last.organization)}): ${last.narrative}`;
    return { at: last.at, by: last.by, organization: last.organization, summary };
  }

  view(nowMs: number, extras: { rehearsal: boolean; run: number }): DecisionView {
    const { spec, lead, responsible, mailSequence: _sequence, ...record } = this.state;
    const ref = (id: string) => ({ id, acronym: this.roster.acronym(id) });
    return {
      ...record,
      id: this.id,
      ref: spec.ref,
      edition: spec.edition,
      meetingTitle: spec.meetingTitle,
      title: this.title,
      text: spec.text,
      area: spec.area,
      adoptedAt: spec.adoptedAt,
      adoptedAtPlan: spec.adoptedAtPlan ?? spec.adoptedAt,
      originalDueDate: iso(Date.parse(spec.dueDate)),
      lead: ref(lead),
      responsible: responsible.map(ref),
      rehearsal: extras.rehearsal,
      asOf: iso(nowMs),
      overdue: this.isOverdue(nowMs),
      lastReport: this.lastReport(),
      ...(spec.source ? { source: spec.source } : {}),
      upcoming: this.upcoming(nowMs)
        .sort((a, b) => a.at - b.at)
        .map((a) => ({ what: describeAction(a), at: iso(a.at), next: upcomingAction(a) })),
      policy: this.policy,
      run: extras.run,
    };
  }
}

function upcomingAction(action: DueAction): UpcomingAction {
  switch (action.kind) {
    case 'progress-request':
    case 'due-soon':
    case 'stall':
      return { kind: action.kind };
    case 'escalation':
      return { kind: action.kind, step: action.step + 1, audience: action.audience };
    case 'verification-reminder':
    case 'verification-escalation':
      return { kind: action.kind, count: action.count };
  }
}

function describeAction(action: DueAction): string {
  switch (action.kind) {
    case 'progress-request':
      return 'progress request to the lead and responsible organizations';
    case 'due-soon':
      return 'due-soon reminder';
    case 'escalation':
      return `escalation step ${action.step + 1}: ${action.audience}`;
    case 'stall':
      return 'marked stalled unless progress is reported';
    case 'verification-reminder':
      return `reminder ${action.count} to the committee to verify the claim`;
    case 'verification-escalation':
      return `committee chair told: the claim is unverified after ${action.count} reminders`;
  }
}

/** Checks a payload alone (not who sends it): what a validator can do before the roster is loaded. */
export function parseAction<A extends DecisionAction>(
  action: A,
  raw: unknown,
): z.output<(typeof Requests.ACTION_PAYLOADS)[A]['schema']> {
  const { schema, what } = requests().ACTION_PAYLOADS[action];
  return parsePayload(schema, raw, what) as z.output<(typeof Requests.ACTION_PAYLOADS)[A]['schema']>;
}

function responseFromPercent(percent: number): ResponseState {
  if (percent >= 100) return 'done';
  return percent > 0 ? 'in-progress' : 'accepted';
}

function defaultAudience(kind: Exclude<DueAction['kind'], 'escalation'>): string {
  switch (kind) {
    case 'progress-request':
    case 'due-soon':
      return 'lead and responsible organizations';
    case 'stall':
      return 'committee';
    case 'verification-reminder':
      return 'committee members who may verify';
    case 'verification-escalation':
      return 'committee-chair';
  }
}
