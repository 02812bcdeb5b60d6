/**
 * A Security Council meeting with regional and subregional organizations (`council-session-<year>`),
 * from its planning to the requests of its outcome, followed as decisions. Its contract is
 * workflows/definitions/council-session.ts; its rules and state are domain/council-session.ts.
 * Only the Council affairs organizers act on it; a briefer answers their own invitation.
 *
 *   conceptNote           organizer   a new version of the concept note, into the store
 *   invite                organizer   invitation letters (rule 39) with a calendar entry, to every briefer
 *   answer                briefer or organizer   confirm or decline; a decline removes the calendar entry;
 *                                                a briefer changes it until the list of speakers is frozen
 *   setSpeakers           organizer   the ordered list with minutes; after the freeze, with a reason (recorded)
 *   freezeSpeakers        organizer   before the meeting (the meeting's start freezes it otherwise)
 *   moveSession           organizer   new date → calendars updated (SEQUENCE), reminders re-planned
 *   recordCouncilOutcome  organizer   after the meeting → each request tracked as a decision
 *
 * Phases: planning → invitations → meeting → awaiting-outcome → outcome-recorded →
 * following-requests → completed. Reminders go only to briefers who have not answered, on a
 * business morning in their zone; at the reply date the organizers hear of those who never did.
 */
import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { CalendarActivities, PlannedReminder } from '../activities/calendar';
import type { CommitteeActivities } from '../activities/committee';
import type { CouncilActivities, CycleTold } from '../activities/council';
import type { DocumentActivities } from '../activities/documents';
import { requestRef, sourceLabel } from '../domain/council-outcome';
import {
  CouncilSession,
  CouncilSessionInput,
  type CouncilPhase,
  type CouncilSessionParams,
  type CouncilSessionStatus,
  type InvitedPartner,
  type SessionMove,
  type TrackedRequest,
} from '../domain/council-session';
import { compressDecisionPolicy, DecisionPolicy } from '../domain/decision';
import type { DecisionTrackingInput } from '../domain/decision-input';
import { searchAttributes, workflowIds } from '../domain/ids';
import { issueLines } from '../domain/issues';
import type { MessageInput } from '../domain/messages';
import type { Participant } from '../domain/people';
import { rehearsalMapping, toClock, toPlan, REAL_TIME } from '../domain/time-mapping';
import {
  answerUpdate,
  conceptNoteUpdate,
  councilStatusQuery,
  cycleMovedUpdate,
  freezeSpeakersUpdate,
  inviteUpdate,
  moveSessionUpdate,
  recordCouncilOutcomeUpdate,
  setSpeakersUpdate,
  type CouncilSessionWorkflow,
} from './definitions/council-session';
import { DECISION_TRACKING_WORKFLOW, type DecisionTrackingWorkflow } from './definitions/decision-tracking';
import { OneAtATime } from './lock';
import { sendOrRecord, type MailContext } from './mail';
import { asCallerFailure, rejectWith } from './rejections';
import type { UpdateOf } from './session';

const calendar = proxyActivities<Pick<CalendarActivities, 'planReminders'>>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10 },
});
const documents = proxyActivities<Pick<DocumentActivities, 'storeConceptNote'>>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});
// A cycle's Update goes through an activity: a workflow can signal another, not update it.
const cycles = proxyActivities<CouncilActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 30 },
});
// Signal-with-start of the committee goes through an activity: a workflow cannot signal-with-start.
const announcer = proxyActivities<Pick<CommitteeActivities, 'notifyCommitteeOfDecisions'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 30 },
});

/** The session's log line for the cycle's answer to a move. */
function whatTheCycleDid(told: CycleTold): string {
  if (!told.told) return `not taken (${told.why})`;
  if (told.coincide) return 'the meetings still coincide';
  if (told.followed) return 'the high-level meeting moved to coincide again';
  return told.proposedStart
    ? `the meetings no longer coincide; its organizers are proposed a start on ${told.proposedStart}`
    : 'the meetings no longer coincide, and no nearby dates would make them; its organizers are told';
}

export async function councilSession(raw: CouncilSessionInput): Promise<CouncilSessionStatus> {
  const s = new Session(checkStartInput(raw));
  // ── what people can do ──────────────────────────────────────────────────────────────────────────
  setHandler(councilStatusQuery, () => s.rules.status());
  s.wire(conceptNoteUpdate, s.checks.conceptNote, s.conceptNote);
  s.wire(inviteUpdate, s.checks.invite, s.invite);
  s.wire(answerUpdate, s.checks.answer, s.answer);
  s.wire(setSpeakersUpdate, s.checks.setSpeakers, s.setSpeakers);
  s.wire(freezeSpeakersUpdate, s.checks.freeze, s.freeze);
  s.wire(moveSessionUpdate, s.checks.move, s.move);
  s.wire(recordCouncilOutcomeUpdate, s.checks.recordOutcome, s.recordOutcome);
  s.wire(cycleMovedUpdate, s.checks.cycleMoved, s.cycleMoved);

  // ── what it waits for ───────────────────────────────────────────────────────────────────────────
  await s.setPhase('planning');
  // The session owns the Council's date: a cycle started before it (from its file's copy) hears the
  // session's own date at once. Sessions from before replay without it.
  if (s.tellsCycle && patched('council-date-told-at-start')) await s.tellCycleOfDate();
  await s.waitUntil(
    () => s.rules.state.meeting.start,
    () => Boolean(s.rules.state.invitations),
  );
  await s.followAnswers(); // reminders, the reply date, until the meeting starts
  await s.holdMeeting(); // the list of speakers freezes at the latest now
  await s.setPhase('awaiting-outcome');
  await condition(() => s.rules.outcomeRecorded);
  // The outcome's Update starts the decisions after recording it: following them before they exist
  // completed the session at once, the requests unfollowed. Sessions from before replay that way.
  if (patched('council-session-waits-for-tracked-requests')) await condition(() => s.requestsTracked);
  await s.followRequests(); // until every request's decision is closed
  await condition(allHandlersFinished);
  await s.setPhase('completed');
  return s.rules.status();
}

councilSession satisfies CouncilSessionWorkflow;

/** The session's I/O: activities, mail, the decisions it starts. The rules and the state are `rules`. */
class Session {
  readonly rules: CouncilSession;
  private readonly id = workflowInfo().workflowId;
  private readonly ctx: MailContext;
  private readonly lock = new OneAtATime();
  private readonly decisions: Array<ChildWorkflowHandle<DecisionTrackingWorkflow>> = [];
  /** The outcome's requests have their decisions started (or were found already tracked). */
  requestsTracked = false;
  /** Notices to the organizers of the high-level meeting's moves: each mail's key. */
  private cycleMovesTold = 0;
  readonly checks = {
    conceptNote: (r: unknown) => this.rules.validateConceptNote(r),
    invite: (r: unknown) => this.rules.validateInvite(r),
    answer: (r: unknown) => this.rules.validateAnswer(r),
    setSpeakers: (r: unknown) => this.rules.validateSetSpeakers(r),
    freeze: (r: unknown) => this.rules.validateFreeze(r),
    move: (r: unknown) => this.rules.validateMove(r, this.now()),
    recordOutcome: (r: unknown) => this.rules.validateRecordOutcome(r),
    cycleMoved: (r: unknown) => this.rules.validateCycleMoved(r),
  };

  constructor(private readonly input: CouncilSessionParams) {
    this.rules = new CouncilSession(input, this.id);
    this.rules.mapping = input.rehearsal
      ? rehearsalMapping(Date.parse(input.rehearsal.planStart), Date.now(), input.rehearsal.secondsPerDay)
      : REAL_TIME;
    this.ctx = {
      meetingZone: input.meeting.timeZone,
      rehearsal: Boolean(input.rehearsal),
      organizers: input.organizers,
      failures: this.rules.state.deliveryFailures,
      edition: { number: input.year, title: input.title, series: 'council' },
    };
  }

  /** The planned instant the clock stands for: itself in a real session, compressed in a rehearsal. */
  now(): string {
    return toPlan(this.rules.mapping ?? REAL_TIME, Date.now());
  }

  private log(what: string): void {
    this.rules.log(what, this.now());
  }

  /** An Update whose validator runs the domain's check, so a refusal is rejected before history. */
  wire<T, R>(update: UpdateOf<T, R>, validate: (r: R) => unknown, handle: (r: R) => Promise<T>): void {
    setHandler(update, handle, { validator: (r: R) => rejectWith(() => validate(r)) });
  }

  // ── handlers ────────────────────────────────────────────────────────────────────────────────────

  readonly conceptNote = (request: unknown) =>
    this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.conceptNote(request));
      const stored = await documents.storeConceptNote({ sessionId: this.id, title: r.title, text: r.text });
      const receipt = this.rules.addConceptNote({ ...stored, title: r.title, at: this.now(), by: r.as });
      this.log(`concept note version ${receipt.version} by ${r.as}`);
      return receipt;
    });

  readonly invite = (request: unknown) =>
    this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.invite(request));
      const sequence = this.rules.state.icsSequence;
      this.rules.state.invitations = { sentAt: this.now(), by: r.as, sequence };
      await this.setPhase('invitations');
      for (const partner of this.input.partners) await this.sendInvitation(partner, sequence);
      this.log(`invitations sent by ${r.as} to ${this.input.partners.length} briefers`);
      return {
        sentAt: this.rules.state.invitations.sentAt,
        invited: this.input.partners.map((p) => p.organization),
      };
    });

  readonly answer = (request: unknown) =>
    this.lock.run(async () => {
      // Sessions from before the rule took answers changed after the freeze; they replay that way.
      const frozenAnswers = patched('council-answers-fixed-once-frozen');
      const r = asCallerFailure(() => this.rules.validateAnswer(request, { frozenAnswers }));
      const before = this.rules.state.answers[r.organization]?.answer;
      const answer = this.rules.answer(r, this.now());
      const partner = this.rules.partner(r.organization)!;
      if (answer.answer === 'declined' && before !== 'declined') {
        const sequence = ++this.rules.state.icsSequence;
        await this.mail(
          `decline:${partner.organization}:${sequence}`,
          'council-decline-noted',
          { organization: partner.acronym },
          [partner.briefer],
          sequence,
        );
      }
      // A briefer who declined and then confirms needs the entry back in their calendar.
      if (answer.answer === 'confirmed' && before === 'declined')
        await this.sendInvitation(partner, ++this.rules.state.icsSequence);
      this.log(`${partner.acronym} ${answer.answer} (by ${r.as})`);
      return answer;
    });

  readonly setSpeakers = (request: unknown) =>
    this.lock.run(() => {
      const r = asCallerFailure(() => this.checks.setSpeakers(request));
      const list = this.rules.setSpeakers(r, this.now());
      this.log(
        `list of speakers set by ${r.as}${this.rules.state.speakers.frozen ? ` after the freeze: ${r.reason}` : ''}`,
      );
      return Promise.resolve(list);
    });

  readonly freeze = (request: unknown) =>
    this.lock.run(() => {
      const r = asCallerFailure(() => this.checks.freeze(request));
      this.rules.freeze(r.as, this.now());
      this.log(`list of speakers frozen by ${r.as}`);
      return Promise.resolve({ frozenAt: this.rules.state.speakers.frozen!.at });
    });

  readonly move = (request: unknown) =>
    this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.move(request));
      const move = this.rules.move(r, this.now());
      const sequence = ++this.rules.state.icsSequence;
      if (this.rules.state.invitations) {
        const briefers = this.rules.withCalendarEntry().map((p) => p.briefer);
        await this.mail(
          `moved:${sequence}`,
          'council-session-moved',
          { previous: move.from, reason: r.reason },
          briefers,
          sequence,
        );
      }
      this.log(`moved by ${r.as} from ${move.from.start} to ${move.to.start}: ${r.reason}`);
      // Sessions from before the link moved alone; their histories replay that way.
      if (this.input.cycleWorkflowId && patched('council-move-tells-cycle'))
        await this.tellCycle(move, sequence);
      return move;
    });

  get tellsCycle(): boolean {
    return Boolean(this.input.cycleWorkflowId);
  }

  /** The cycle timed to coincide with this session hears of its new date, for the organizer who moved it. */
  private async tellCycle(move: SessionMove, sequence: number): Promise<void> {
    const told = await this.tellCycleThat(`${this.id}:move:${sequence}`, move.by, move.to.start);
    this.log(`${this.input.cycleWorkflowId} told of the move: ${whatTheCycleDid(told)}`);
  }

  /** At the start: the cycle hears the date this session holds, in the name of who started it. */
  /**
   * Under the lock, as a move: the two never reach the cycle at once, out of order. A move made
   * before this turn came has told the cycle the date already.
   */
  tellCycleOfDate(): Promise<void> {
    return this.lock.run(async () => {
      if (this.rules.state.moves.length) return;
      const as = this.input.startedBy ?? this.input.organizers[0]!.email;
      const told = await this.tellCycleThat(`${this.id}:date`, as, this.rules.state.meeting.start);
      this.log(`${this.input.cycleWorkflowId} told of the session's date: ${whatTheCycleDid(told)}`);
    });
  }

  private tellCycleThat(moveId: string, as: string, start: string): Promise<CycleTold> {
    return cycles.tellCycleOfCouncilMove({
      cycleWorkflowId: this.input.cycleWorkflowId!,
      moveId,
      request: { as, start, timeZone: this.input.meeting.timeZone, title: this.input.title, source: this.id },
    });
  }

  /**
   * The high-level meeting moved: recorded, and the organizers told if the two no longer coincide.
   * Not under the lock: the cycle may be telling this while a move of this session, holding the
   * lock, waits for the cycle's answer; this touches only what it records and its own mail.
   */
  readonly cycleMoved = async (request: unknown) => {
    const r = asCallerFailure(() => this.checks.cycleMoved(request));
    const heard = this.rules.recordCycleMove(r, this.now());
    const what = r.coincide ? 'the meetings still coincide' : 'the meetings no longer coincide';
    this.log(`${r.source} rescheduled by ${r.as} to ${r.meeting.start}: ${what}`);
    if (!r.coincide && this.rules.beforeTheMeeting) {
      await this.mail(
        `cycle-moved:${++this.cycleMovesTold}`,
        'council-cycle-moved',
        {
          hlm: { title: r.meeting.title, start: r.meeting.start, previousStart: r.previousStart },
          explanation: r.explanation!, // the request's rule: given when they no longer coincide
          ...(r.explanationSaid ? { explanationSaid: r.explanationSaid } : {}),
          moveCommand: `convene council move ${this.rules.state.key} --start <local> --end <local> --reason "…"`,
        },
        this.input.organizers,
      );
    }
    return heard;
  };

  readonly recordOutcome = (request: unknown) =>
    this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.recordOutcome(request));
      this.rules.recordOutcome(r.outcome, r.as, this.now());
      await this.setPhase('outcome-recorded');
      const tracked = await this.trackRequests();
      await this.mail('outcome', 'council-outcome', this.outcomeData(tracked), [
        ...this.input.organizers,
        ...this.rules.confirmed().map((p) => p.briefer),
      ]);
      this.log(`outcome ${r.outcome.symbol} recorded by ${r.as}; ${tracked.length} request(s) tracked`);
      return tracked;
    });

  // ── the steps of the main body ──────────────────────────────────────────────────────────────────

  /** Waits for a planned instant that may move; returns early when `orWhen()` holds. */
  async waitUntil(at: () => string, orWhen: () => boolean = () => false): Promise<void> {
    for (;;) {
      if (orWhen()) return;
      const version = this.rules.planVersion;
      const ms = toClock(this.rules.mapping ?? REAL_TIME, at()) - Date.now();
      if (ms <= 0) return;
      await condition(() => this.rules.planVersion !== version || orWhen(), ms);
    }
  }

  /** Until the meeting starts: reminders to those who have not answered, and the reply date's notice. */
  async followAnswers(): Promise<void> {
    if (!this.rules.state.invitations) {
      this.log('the meeting started before any invitation went out');
      return;
    }
    while (Date.now() < this.clock(this.rules.state.meeting.start)) {
      const version = this.rules.planVersion;
      const next = await this.nextAnswerEvent();
      const until = next
        ? Math.min(next.at, this.clock(this.rules.state.meeting.start))
        : this.clock(this.rules.state.meeting.start);
      const moved = await condition(
        () => this.rules.planVersion !== version,
        Math.max(1, until - Date.now()),
      );
      if (moved || !next || Date.now() < next.at) continue;
      await this.lock.run(() => next.act());
    }
  }

  async holdMeeting(): Promise<void> {
    await this.lock.run(async () => {
      if (!this.rules.state.speakers.frozen && this.rules.state.speakers.list.length) {
        this.rules.freeze('convene (the meeting started)', this.now());
        this.log('the list of speakers froze as the meeting started');
      }
      await this.setPhase('meeting');
    });
    await this.waitUntil(() => this.rules.state.meeting.end);
  }

  /** Each request's decision lives on its own; the session follows them until all are closed. */
  async followRequests(): Promise<void> {
    if (!this.decisions.length) return;
    await this.setPhase('following-requests');
    await Promise.allSettled(this.decisions.map((d) => d.result()));
    this.log('every request of the outcome is closed');
  }

  async setPhase(phase: CouncilPhase): Promise<void> {
    this.rules.state.phase = phase;
    upsertSearchAttributes([
      { key: searchAttributes.CouncilPhase, value: phase },
      { key: searchAttributes.Rehearsal, value: Boolean(this.input.rehearsal) },
    ]);
    return Promise.resolve();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────

  private clock(planIso: string): number {
    return toClock(this.rules.mapping ?? REAL_TIME, planIso);
  }

  /** The next thing to do while answers come in: a reminder, or the reply date's notice. */
  private async nextAnswerEvent(): Promise<{ at: number; act: () => Promise<void> } | undefined> {
    const reminder = (await this.pendingReminders())[0];
    const replyBy = this.clock(this.rules.state.replyBy);
    const notice = !this.rules.state.unansweredTold && this.rules.unanswered().length ? replyBy : undefined;
    if (reminder && (notice === undefined || this.clock(reminder.at) < notice))
      return { at: this.clock(reminder.at), act: () => this.remind(reminder) };
    if (notice !== undefined) return { at: notice, act: () => this.tellUnanswered() };
    return undefined;
  }

  /** Reminders not yet sent, for briefers who have not answered, on a business morning in their zone. */
  private async pendingReminders(): Promise<PlannedReminder[]> {
    const unanswered = this.rules.unanswered();
    if (!unanswered.length) return [];
    try {
      const plan = await calendar.planReminders({
        deadline: this.rules.state.replyBy,
        now: this.now(),
        offsets: this.input.reminderOffsets,
        recipients: unanswered.map((p) => ({
          id: p.organization,
          organization: p.organization,
          timeZone: p.briefer.timeZone,
        })),
      });
      return plan.reminders.filter((x) => !this.rules.state.remindersSent.includes(reminderKey(x)));
    } catch (err) {
      // Reminders are a courtesy: a calendar that cannot plan them leaves the session without them.
      this.log(`reminders could not be planned: ${causeMessage(err)}`);
      return [];
    }
  }

  private async remind(reminder: PlannedReminder): Promise<void> {
    const partner = this.rules.partner(reminder.recipient);
    this.rules.state.remindersSent.push(reminderKey(reminder));
    // An answer that came in while this reminder waited for its turn makes it needless.
    if (!partner || this.rules.state.answers[partner.organization]) return;
    await this.mail(
      `reminder:${reminderKey(reminder)}`,
      'council-reminder',
      { organization: partner.acronym, replyBy: this.rules.state.replyBy },
      [partner.briefer],
    );
    this.log(`reminder (${reminder.offset}) to ${partner.acronym}`);
  }

  private async tellUnanswered(): Promise<void> {
    const unanswered = this.rules.unanswered();
    if (this.rules.state.unansweredTold || !unanswered.length) return;
    this.rules.state.unansweredTold = {
      at: this.now(),
      organizations: unanswered.map((p) => p.organization),
    };
    await this.mail(
      'unanswered',
      'council-unanswered',
      {
        replyBy: this.rules.state.replyBy,
        unanswered: unanswered.map((p) => ({
          organization: p.acronym,
          briefer: { name: p.briefer.name, email: p.briefer.email },
        })),
      },
      this.input.organizers,
    );
    this.log(`organizers told: no answer from ${unanswered.map((p) => p.acronym).join(', ')}`);
  }

  private async sendInvitation(partner: InvitedPartner, sequence: number): Promise<void> {
    const note = this.rules.state.conceptNotes.at(-1)!;
    await this.mail(
      `invitation:${partner.organization}:${sequence}`,
      'council-invitation',
      {
        organization: partner.acronym,
        basis: partner.basis,
        role: partner.briefer.role,
        replyBy: this.rules.state.replyBy,
        conceptNote: { title: note.title, version: note.version },
      },
      [partner.briefer],
      sequence,
    );
  }

  /** One tracking workflow per request; decisions outlive the session (parent-close policy abandon). */
  private async trackRequests(): Promise<TrackedRequest[]> {
    const outcome = this.rules.state.outcome!;
    const edition = this.input.rehearsal
      ? `r${this.input.decisionEdition.replace(/^r/, '')}`
      : this.input.decisionEdition;
    const tracked: TrackedRequest[] = [];
    for (const p of this.rules.requests()) {
      const ref = requestRef(outcome.kind, outcome.symbol, p.number);
      const workflowId = workflowIds.decision(edition, ref);
      try {
        this.decisions.push(
          await startChild<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
            workflowId,
            parentClosePolicy: ParentClosePolicy.ABANDON,
            args: [this.decisionInput(edition, ref, p)],
          }),
        );
      } catch (err) {
        this.log(
          `request ${ref} was not started: ${causeMessage(err)} (already tracked under ${workflowId}?)`,
        );
      }
      tracked.push({ paragraph: p.number, ref, workflowId, source: sourceLabel(outcome.symbol, p.number) });
    }
    this.rules.state.requests = tracked;
    this.requestsTracked = true;
    if (tracked.length)
      await announcer.notifyCommitteeOfDecisions({ edition, refs: tracked.map((t) => t.ref) });
    return tracked;
  }

  private decisionInput(
    edition: string,
    ref: string,
    p: ReturnType<CouncilSession['requests']>[number],
  ): DecisionTrackingInput {
    const outcome = this.rules.state.outcome!;
    const mapping = this.rules.mapping ?? REAL_TIME;
    const onClock = (iso: string) => new Date(toClock(mapping, iso)).toISOString();
    return {
      decision: {
        ref,
        edition,
        meetingTitle: `${this.input.title} (${outcome.symbol})`,
        text: p.text,
        ...(p.request.title ? { title: p.request.title } : {}),
        area: p.request.area,
        leadOrganization: p.request.leadOrganization,
        responsibleOrganizations: p.request.responsibleOrganizations,
        dueDate: onClock(p.request.dueDate),
        adoptedAt: onClock(outcome.adoptedAt),
        adoptedAtPlan: outcome.adoptedAt,
        meetingTimeZone: this.input.meeting.timeZone,
        source: { body: 'security-council', symbol: outcome.symbol, paragraph: p.number, session: this.id },
      },
      organizers: this.input.organizers.map((o) => ({ name: o.name, email: o.email })),
      rehearsal: Boolean(this.input.rehearsal),
      // A rehearsal's requests keep its pace: reports, reminders and escalations compressed too.
      ...(this.input.rehearsal
        ? { policy: compressDecisionPolicy(DecisionPolicy.parse({}), mapping.factor) }
        : {}),
    };
  }

  private outcomeData(tracked: TrackedRequest[]) {
    const outcome = this.rules.state.outcome!;
    const mapping = this.rules.mapping ?? REAL_TIME;
    return {
      outcome: { symbol: outcome.symbol, kind: outcome.kind },
      requests: this.rules.requests().map((p, i) => ({
        ref: tracked[i]!.ref,
        source: tracked[i]!.source,
        title: p.request.title ?? p.text.slice(0, 120),
        lead: p.request.leadOrganization.toUpperCase(),
        due: new Date(toClock(mapping, p.request.dueDate)).toISOString(),
      })),
    };
  }

  /** A message about the session; what every council message shares is filled in here. */
  private mail<K extends CouncilKind>(
    key: string,
    kind: K,
    data: Omit<Extract<MessageInput, { kind: K }>['data'], 'edition' | 'contact' | 'meeting' | 'session'>,
    recipients: readonly Participant[],
    sequence?: number,
  ): Promise<boolean> {
    const { meeting, presidency } = this.rules.state;
    const organizer = this.input.organizers[0]!;
    const message = {
      kind,
      data: {
        ...data,
        edition: { number: this.input.year, title: this.input.title, series: 'council' },
        contact: { name: organizer.name, email: organizer.email },
        meeting: { title: this.input.title, start: meeting.start, end: meeting.end, venue: meeting.venue },
        session: {
          id: this.id,
          presidency: `${presidency.member} (${presidency.month})`,
          actingFor: presidency.actingFor,
        },
      },
    } as unknown as MessageInput;
    return sendOrRecord(
      this.ctx,
      `${this.id}:${key}`,
      message,
      recipients.map(addressed),
      sequence === undefined ? undefined : { sequence },
    );
  }
}

/**
 * A person as a council message addresses them: a briefer's own `role` (head or representative of
 * their organization) is no recipient role, and the mail request refused it for every briefer.
 * The council templates word each reader's reason themselves.
 */
function addressed({ name, email, organization, timeZone, language }: Participant): Participant {
  return { name, email, organization, timeZone, ...(language ? { language } : {}) };
}

type CouncilKind = Extract<MessageInput['kind'], `council-${string}`>;

function reminderKey(r: PlannedReminder): string {
  return `${r.recipient}:${r.offset}`;
}

function causeMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/** A start from any client is checked here: a bad input fails at once, naming the field. */
function checkStartInput(raw: CouncilSessionInput): CouncilSessionParams {
  const parsed = CouncilSessionInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw ApplicationFailure.nonRetryable(
    `the Council session cannot start: ${issueLines(parsed.error.issues, 'input').join('; ')}`,
    'InvalidCouncilSessionInput',
  );
}
