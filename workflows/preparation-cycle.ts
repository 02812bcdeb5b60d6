/**
 * The preparation cycle of one high-level meeting (`hlm-<edition>`), from the call for inputs to
 * the outcome. Its contract is workflows/definitions/preparation-cycle.ts; its rules and state are
 * domain/cycle.ts. What users can do (Updates, each with a validator that rejects before history):
 *
 *   reschedule            organizer   new dates → timeline re-planned, deadlines and reminders move, all told
 *   securityCouncilMoved  organizer   the Council's new date → as councilMoved (older clients)
 *   councilMoved          organizer / Council session workflow: no longer coinciding → the nearest
 *                         dates that do, proposed to the organizers (or applied: policy followCouncil)
 *   followCouncil         organizer   applies the pending proposal: a reschedule, all told
 *   commentOnAgenda       focal point during the comment period, until the agenda is approved
 *   approveAgenda         organizer   → final agenda, invitations with a calendar entry
 *   recordOutcome         organizer   after the meeting → decisions tracked, outcome report to all
 *   cancel                organizer   → groups closed, cancellation notices and calendar cancels
 *
 * Phases: scheduled → collecting-inputs → consolidating → agenda-comment → (awaiting-approval) →
 * agenda-approved → invitations → awaiting-outcome → completed (or cancelled).
 */
import {
  allHandlersFinished,
  ActivityFailure,
  ApplicationFailure,
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
import type { CalendarActivities } from '../activities/calendar';
import type { CommitteeActivities } from '../activities/committee';
import type { CouncilActivities } from '../activities/council';
import type { DecisionStartActivities } from '../activities/decision-starts';
import type { DocumentActivities } from '../activities/documents';
import {
  PreparationCycle,
  type CouncilMoveResult,
  type CouncilProposal,
  type CyclePhase,
  type OutcomeDecision,
  type RescheduleRequestParsed,
} from '../domain/cycle';
import * as say from '../domain/cycle-messages';
import { CycleInput, type MeetingPlan, type SecurityCouncilMeeting } from '../domain/cycle-input';
import { inRole } from '../domain/people';
import { issueLines } from '../domain/issues';
import { CALENDAR_FAILURE_TYPE, type Phrase } from '../domain/rejection';
import { compressDecisionPolicy, DecisionPolicy } from '../domain/decision';
import type { RenderedDocument } from '../domain/documents';
import { START_MEMO, searchAttributes, workflowIds } from '../domain/ids';
import type { Coincidence, PlannedMilestone } from '../domain/planning';
import { rehearsalMapping, toClock } from '../domain/time-mapping';
import { GroupSummary, type GroupResult } from '../domain/working-group';
import type { DocumentRequest } from '../documents/meeting-documents';
import { DECISION_TRACKING_WORKFLOW, type DecisionTrackingWorkflow } from './definitions/decision-tracking';
import {
  approveAgendaUpdate,
  cancelUpdate,
  commentOnAgendaUpdate,
  councilMovedUpdate,
  cycleStatusQuery,
  followCouncilUpdate,
  cyclePlanQuery,
  recordOutcomeUpdate,
  rescheduleUpdate,
  securityCouncilMovedUpdate,
  type CycleStatus,
  type PreparationCycleWorkflow,
} from './definitions/preparation-cycle';
import {
  closeSignal,
  deadlinesMovedSignal,
  groupUpdatedSignal,
  WORKING_GROUP_INPUT_WORKFLOW,
  type WorkingGroupInputWorkflow,
} from './definitions/working-group-input';
import { OneAtATime } from './lock';
import { sendOrRecord, type MailContext } from './mail';
import { asCallerFailure, rejectionFailure, rejectWith } from './rejections';
import type { UpdateOf } from './session';
import { onSignal } from './signals';

/** Since the Council's moves bring proposals (or a move under `followCouncil`); before, a check only. */
const COUNCIL_MOVE_PROPOSAL = 'council-move-proposal';
/** Since an outcome without decisions tells the committee which ideas it took up. */
const IDEAS_TAKEN_UP_WITHOUT_DECISIONS = 'ideas-taken-up-without-decisions';
/** Since a move or a close goes only to the groups that have not ended. */
const TELL_ONLY_RUNNING_GROUPS = 'tell-only-running-groups';

const calendar = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10 },
});
const documents = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '1 minute',
  retry: { maximumAttempts: 10 },
});
const committee = proxyActivities<Pick<CommitteeActivities, 'getCarryForward'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 10 },
});
const decisionStarts = proxyActivities<DecisionStartActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '30 seconds', maximumAttempts: 10 },
});
// The Council session's Update goes through an activity: a workflow can signal another, not update it.
const councilSessions = proxyActivities<Pick<CouncilActivities, 'tellSessionOfCycleMove'>>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 30 },
});
// Signal-with-start of the committee goes through an activity: a workflow cannot signal-with-start.
const announcer = proxyActivities<Pick<CommitteeActivities, 'notifyCommitteeOfDecisions'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 30 },
});

export async function preparationCycle(input: CycleInput): Promise<CycleStatus> {
  checkStartInput(input);
  const c = new Cycle(input);
  // ── what people can do ──────────────────────────────────────────────────────────────────────────
  setHandler(cycleStatusQuery, () => c.rules.status());
  setHandler(cyclePlanQuery, () => c.rules.currentPlan());
  onSignal(groupUpdatedSignal, GroupSummary, (summary) => c.rules.groupUpdated(summary));
  c.wire(rescheduleUpdate, c.checks.reschedule, c.reschedule);
  c.wire(securityCouncilMovedUpdate, c.checks.securityCouncilMoved, c.securityCouncilMoved);
  c.wire(councilMovedUpdate, c.checks.councilMoved, c.councilMoved);
  c.wire(followCouncilUpdate, c.checks.followCouncil, c.followCouncil);
  c.wire(commentOnAgendaUpdate, c.checks.comment, c.comment);
  c.wire(approveAgendaUpdate, c.checks.approve, c.approve);
  c.wire(recordOutcomeUpdate, c.checks.recordOutcome, c.recordOutcome);
  c.wire(cancelUpdate, c.checks.cancel, c.cancel);

  // ── what it waits for ───────────────────────────────────────────────────────────────────────────
  await c.plan();
  if (await c.waitUntil(() => c.rules.milestone('callForInputs'))) return c.finish();
  await c.callForInputs();
  if (await c.waitUntil(() => c.rules.milestone('consolidationEnd'))) return c.finish();
  await c.consolidate(); // groups closed, draft agenda sent for comment
  if (await c.commentPeriod()) return c.finish(); // ends early when the organizers approve
  if (await c.awaitApproval()) return c.finish();
  await c.writeFinalAgenda();
  if (await c.waitUntil(() => c.rules.milestone('invitations'))) return c.finish();
  await c.invite();
  if (await c.waitUntil(() => c.rules.state.meeting.end)) return c.finish();
  await c.awaitOutcome();
  return c.finish();
}

preparationCycle satisfies PreparationCycleWorkflow;

/** The cycle's I/O: activities, children, mail. The rules and the state are `rules`. */
class Cycle {
  readonly rules: PreparationCycle;
  private readonly id = workflowInfo().workflowId;
  private readonly ctx: MailContext;
  private readonly children = new Map<string, ChildWorkflowHandle<WorkingGroupInputWorkflow>>();
  /** Groups whose workflow has ended, as the server says (their result came): none needs telling. */
  private readonly ended = new Set<string>();
  /** Handlers that await activities take turns; each re-checks the state after its awaits. */
  private readonly lock = new OneAtATime();
  private results: GroupResult[] = [];
  /** Each Update's check, as its validator runs it and its handler runs it again. */
  readonly checks = {
    reschedule: (r: unknown) => this.rules.validateReschedule(r, this.now()),
    securityCouncilMoved: (r: unknown) => this.rules.validateSecurityCouncilMoved(r),
    councilMoved: (r: unknown) => this.rules.validateCouncilMoved(r),
    followCouncil: (r: unknown) => this.rules.validateFollowCouncil(r, this.now()),
    comment: (r: unknown) => this.rules.validateComment(r),
    approve: (r: unknown) => this.rules.validateApproveAgenda(r),
    recordOutcome: (r: unknown) => this.rules.validateRecordOutcome(r),
    cancel: (r: unknown) => this.rules.validateCancel(r),
  };
  private carryForward: DocumentRequest['standing'] = { decisions: [], ideas: [] };
  /** The committee's ideas this agenda carries: the committee marks them taken up at the outcome. */
  private carriedIdeaIds: string[] = [];

  constructor(private readonly input: CycleInput) {
    this.rules = new PreparationCycle(input, this.id);
    this.ctx = {
      meetingZone: input.meeting.timeZone,
      rehearsal: this.rules.state.rehearsal,
      organizers: input.organizers,
      failures: this.rules.state.deliveryFailures,
      edition: { number: input.edition, title: input.title },
    };
  }

  now(): string {
    return this.rules.planned(Date.now());
  }

  private log(what: string): void {
    this.rules.log(what, this.now());
  }

  /** An Update whose validator runs the domain's check, so a refusal is rejected before history. */
  wire<T, R>(update: UpdateOf<T, R>, validate: (r: R) => unknown, handle: (r: R) => Promise<T>): void {
    setHandler(update, handle, { validator: (r: R) => rejectWith(() => validate(r)) });
  }

  // ── handlers ────────────────────────────────────────────────────────────────────────────────────

  readonly reschedule = async (request: unknown): Promise<CycleStatus> => {
    return this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.reschedule(request));
      const timeline = await this.planOrReject(this.rules.rescheduledMeeting(r));
      if (this.rules.isCancelled)
        throw rejectionFailure('wrong-phase', 'refusal.cycle.cancelledWhilePlanning');
      return this.moveMeeting(r, timeline.milestones);
    });
  };

  /** Before the proposals (histories of v1), a Council move only re-checked the coincidence. */
  readonly securityCouncilMoved = async (request: unknown): Promise<Coincidence> => {
    return this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.securityCouncilMoved(request));
      this.rules.securityCouncilMoved(r, this.now());
      if (!patched(COUNCIL_MOVE_PROPOSAL)) return this.checkCoincidence(r.start);
      return (await this.followOrPropose(r.as)).coincidence;
    });
  };

  readonly councilMoved = async (request: unknown): Promise<CouncilMoveResult> => {
    return this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.councilMoved(request));
      this.rules.securityCouncilMoved(r, this.now());
      return this.followOrPropose(r.as);
    });
  };

  readonly followCouncil = async (request: unknown): Promise<CycleStatus> => {
    return this.lock.run(async () => {
      const r = asCallerFailure(() => this.checks.followCouncil(request));
      return this.follow(r.as, this.rules.takeCouncilProposal());
    });
  };

  readonly comment = async (request: unknown) => {
    return this.rules.comment(
      asCallerFailure(() => this.checks.comment(request)),
      this.now(),
    );
  };

  readonly approve = async (request: unknown) => {
    this.rules.approve(
      asCallerFailure(() => this.checks.approve(request)),
      this.now(),
    );
    return { approvedAt: this.now() };
  };

  readonly recordOutcome = async (
    request: unknown,
  ): Promise<{ decisions: string[]; report: RenderedDocument }> => {
    const r = asCallerFailure(() => this.checks.recordOutcome(request));
    // Decision ids taken by workflows of other content are refused before anything changes.
    const hashes = patched('outcome-refuses-foreign-decisions')
      ? await this.claimDecisionIds(r.decisions)
      : undefined;
    this.rules.recordOutcome(); // before any other await: a second call is rejected by the phase check
    return this.lock.run(async () => {
      // Before decision tracking existed the decisions were only kept in the outcome.
      const started = patched('decision-tracking-children')
        ? await this.startDecisions(r.decisions, r.as, hashes)
        : this.keepDecisions(r.decisions);
      const report = await this.render('outcome-report', {
        summary: r.summary,
        decisions: r.decisions.map(say.decisionForDocument),
      });
      this.rules.state.documents.outcomeReport = report;
      await sendOrRecord(
        this.ctx,
        `${this.id}:outcome-report`,
        {
          kind: 'outcome-report',
          data: {
            ...say.common(this.input),
            meeting: this.meeting(),
            summary: r.summary,
            decisions: r.decisions.map(say.decisionForMessage),
          },
        },
        say.everyone(this.input),
      );
      this.log(`outcome recorded by ${r.as}: ${r.decisions.length} decisions`);
      // Cycles from before the draft of the next meeting replay without it.
      if (patched('next-cycle-draft')) await this.draftNextCycle();
      return { decisions: started, report };
    });
  };

  /** Next year's specification for the organizers to edit and launch (`convene document show`). */
  private async draftNextCycle(): Promise<void> {
    // A draft that cannot be written must not undo the outcome: it is logged, and the CLI drafts it too.
    try {
      const plan = this.rules.currentPlan();
      const draft = await documents.storeNextCycleDraft({ cycleId: this.id, plan });
      this.rules.state.documents.nextCycleDraft = draft;
      this.log(`next year's specification drafted: ${draft.id} version ${draft.version}`);
    } catch (err) {
      this.log(
        `next year's specification could not be drafted (${String(err)}); use \`convene cycle draft-next\``,
      );
    }
  }

  readonly cancel = async (request: unknown): Promise<{ cancelledAt: string }> => {
    const r = asCallerFailure(() => this.checks.cancel(request));
    // At once, so a handler waiting on the lock sees it when it resumes.
    this.rules.cancel(r, this.now());
    await this.setPhase('cancelled');
    return this.lock.run(async () => {
      await this.closeGroups(true);
      const sequence = ++this.rules.icsSequence;
      await sendOrRecord(
        this.ctx,
        `${this.id}:cancellation`,
        {
          kind: 'cancellation',
          data: { ...say.common(this.input), meeting: this.meeting(), reason: r.reason },
        },
        say.everyone(this.input),
        { sequence },
      );
      this.log(`cancelled by ${r.as}: ${r.reason}`);
      return { cancelledAt: this.rules.state.cancelled!.at };
    });
  };

  // ── the steps of the main body ──────────────────────────────────────────────────────────────────

  async plan(): Promise<void> {
    await this.setPhase('scheduled');
    const timeline = await calendar.planTimeline({
      meeting: meetingRequest(this.input.meeting),
      organizer: this.input.organizers[0]!.organization,
      policy: this.input.timeline,
    });
    this.rules.state.milestones = timeline.milestones;
    if (this.input.rehearsal)
      this.rules.mapping = rehearsalMapping(
        Date.parse(this.rules.milestone('callForInputs')),
        Date.now(),
        this.input.rehearsal.secondsPerDay,
      );
    if (this.input.securityCouncil) await this.checkCoincidence(this.input.securityCouncil.start);
    this.log('timeline planned');
  }

  /** Waits for a planned instant that may move (reschedule); true when the cycle was cancelled. */
  async waitUntil(at: () => string, orWhen: () => boolean = () => false): Promise<boolean> {
    for (;;) {
      if (this.rules.isCancelled) return true;
      if (orWhen()) return false;
      const version = this.rules.planVersion;
      const ms = toClock(this.rules.mapping, at()) - Date.now();
      if (ms <= 0) return false;
      await condition(() => this.rules.planVersion !== version || this.rules.isCancelled || orWhen(), ms);
    }
  }

  async callForInputs(): Promise<void> {
    await this.setPhase('collecting-inputs');
    const snap = this.input.timeline.snapToBusinessDays !== false;
    for (const group of this.input.workingGroups) {
      if (this.rules.isCancelled) return;
      const handle = await startChild<WorkingGroupInputWorkflow>(WORKING_GROUP_INPUT_WORKFLOW, {
        workflowId: workflowIds.workingGroup(this.input.editionKey, group.id),
        args: [
          {
            edition: { number: this.input.edition, title: this.input.title, key: this.input.editionKey },
            meeting: this.meeting(),
            meetingZone: this.input.meeting.timeZone,
            group,
            organizers: this.input.organizers,
            deadline: this.rules.milestone('inputDeadline'),
            lateUntil: this.rules.milestone('consolidationEnd'),
            reminderOffsets: this.input.reminderOffsets,
            snapToBusinessDays: snap,
            overdueGraceMs: this.input.overdueGraceMs,
            mapping: this.rules.mapping,
            rehearsal: this.rules.state.rehearsal,
            maxInputChars: this.input.maxInputChars,
          },
        ],
      });
      this.children.set(group.id, handle);
      const ended = () => void this.ended.add(group.id);
      handle.result().then(ended, ended);
    }
    this.log(`call for inputs: ${this.input.workingGroups.length} working groups started`);
  }

  async consolidate(): Promise<void> {
    await this.setPhase('consolidating');
    await this.closeGroups(false);
    this.results = await Promise.all([...this.children.values()].map((child) => child.result()));
    // Cycles recorded before carry-forward existed replay without it (test/histories/*-v1.json).
    if (patched('carry-forward-from-committee')) this.carryForward = await this.collectCarryForward();
    this.rules.state.documents.draftAgenda = await this.render('draft-agenda', {
      items: say.agendaOf(this.results),
      ...this.papers(),
      missingGroups: say.missingGroups(this.results),
      standing: this.carryForward,
    });
    await sendOrRecord(
      this.ctx,
      `${this.id}:draft-agenda`,
      {
        kind: 'draft-agenda',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          items: say.agendaMessageItems(this.results),
          commentDeadline: this.rules.milestone('commentPeriodEnd'),
        },
      },
      say.everyone(this.input),
    );
    await this.setPhase('agenda-comment');
  }

  /** Until the comment period ends, or the agenda is approved before; true when cancelled. */
  commentPeriod(): Promise<boolean> {
    return this.waitUntil(
      () => this.rules.milestone('commentPeriodEnd'),
      () => this.rules.approved,
    );
  }

  /** After the comment period, if the organizers have not approved yet; true when cancelled. */
  async awaitApproval(): Promise<boolean> {
    if (this.rules.approved) return false;
    await this.setPhase('awaiting-approval');
    await condition(() => this.rules.approved || this.rules.isCancelled);
    return this.rules.isCancelled;
  }

  async writeFinalAgenda(): Promise<void> {
    this.rules.state.documents.finalAgenda = await this.render('final-agenda', {
      items: say.agendaOf(this.results),
      ...this.papers(),
      missingGroups: say.missingGroups(this.results),
      standing: this.carryForward,
      comments: this.rules.state.comments,
    });
    // Earlier cycles stayed in agenda-comment until the invitations; the phase now says it is approved.
    if (patched('agenda-approved-phase')) await this.setPhase('agenda-approved');
    // Cycles from before the final agenda's mail replay without it.
    if (patched('final-agenda-notice')) await this.sendFinalAgenda();
  }

  /** Everyone the cycle concerns reads the agenda as approved, with a link to the cycle's page. */
  private async sendFinalAgenda(): Promise<void> {
    await sendOrRecord(
      this.ctx,
      `${this.id}:final-agenda`,
      {
        kind: 'final-agenda',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          items: say.agendaMessageItems(this.results),
          approvedAt: this.rules.approvedAt ?? this.now(),
        },
      },
      say.everyone(this.input),
    );
  }

  async invite(): Promise<void> {
    const sequence = this.rules.icsSequence;
    await sendOrRecord(
      this.ctx,
      `${this.id}:invitation:${sequence}`,
      {
        kind: 'invitation',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          agenda: say.agendaMessageItems(this.results),
        },
      },
      say.everyone(this.input),
      { sequence },
    );
    this.rules.state.invitations = { sequence, sentAt: this.now() };
    await this.setPhase('invitations');
  }

  async awaitOutcome(): Promise<void> {
    await this.setPhase('awaiting-outcome');
    await condition(() => this.rules.outcomeRecorded || this.rules.isCancelled);
  }

  async finish(): Promise<CycleStatus> {
    // A group started while the cancellation was being handled has not been told yet.
    if (this.rules.isCancelled) await this.closeGroups(true);
    // Children end once closed; wait so none is left behind, then for every handler.
    await Promise.allSettled([...this.children.values()].map((child) => child.result()));
    await condition(allHandlersFinished);
    if (!this.rules.isCancelled) await this.setPhase('completed');
    return this.rules.status();
  }

  // ── helpers ─────────────────────────────────────────────────────────────────────────────────────

  /** Tells every group still open that consolidation closed (or the cycle was cancelled). */
  private async closeGroups(cancelled: boolean): Promise<void> {
    await Promise.all(
      this.childrenToTell().map((child) =>
        // A group that ended meanwhile cannot be signalled; it needs no telling.
        child.signal(closeSignal, { cancelled }).catch(() => undefined),
      ),
    );
  }

  /**
   * The groups to tell of a move or a close. Which groups are open comes from their summaries, and
   * a signal can be forged by any client, so a cycle tells every group it started whose end the
   * server has not reported (its result); one that ended meanwhile refuses the signal, which is
   * ignored. Cycles from before replay as they ran: every group (a signal sent to each ended one,
   * a billed action each), or before that, the groups their summaries said were open.
   */
  private childrenToTell() {
    if (!patched('tell-every-group')) return this.openChildren();
    const started = [...this.children.entries()];
    const running = patched(TELL_ONLY_RUNNING_GROUPS)
      ? started.filter(([group]) => !this.ended.has(group))
      : started;
    return running.map(([, handle]) => handle);
  }

  private openChildren() {
    const open = new Set(this.rules.openGroupIds());
    return [...this.children.entries()].filter(([group]) => open.has(group)).map(([, handle]) => handle);
  }

  private async setPhase(phase: CyclePhase): Promise<void> {
    this.rules.state.phase = phase;
    upsertSearchAttributes([
      { key: searchAttributes.CyclePhase, value: phase },
      { key: searchAttributes.MeetingEdition, value: this.input.editionKey },
      { key: searchAttributes.Rehearsal, value: this.rules.state.rehearsal },
    ]);
    return Promise.resolve();
  }

  private async planOrReject(meeting: MeetingPlan): Promise<{ milestones: PlannedMilestone[] }> {
    try {
      return await calendar.planTimeline({
        meeting: meetingRequest(meeting),
        organizer: this.input.organizers[0]!.organization,
        policy: this.input.timeline,
      });
    } catch (err) {
      throw rejectionFailure('invalid-payload', 'refusal.cycle.cannotReschedule', {
        reason: calendarReason(err),
      });
    }
  }

  private async checkCoincidence(
    securityCouncilStart: string,
    { tellLost } = { tellLost: true },
  ): Promise<Coincidence> {
    let result: Coincidence;
    try {
      const r = await calendar.checkCoincidence({
        highLevelMeeting: {
          start: this.rules.state.meeting.start,
          timeZone: this.rules.state.meeting.timeZone,
        },
        securityCouncil: {
          start: securityCouncilStart,
          timeZone: this.rules.state.securityCouncil?.timeZone ?? 'America/New_York',
        },
      });
      result = { ...r, checkedAt: this.now() };
    } catch (err) {
      const reason = calendarReason(err);
      result = {
        coincide: false,
        explanation: causeMessage(err),
        ...(typeof reason === 'object' ? { said: reason } : {}),
        checkedAt: this.now(),
      };
      this.log(`the meetings no longer coincide: ${result.explanation}`);
      // Cycles from before the coincidence-lost message (commit f931dcb) replay without it.
      if (tellLost && patched('coincidence-lost-notice')) await this.tellCoincidenceLost(result);
    }
    this.rules.state.coincidence = result;
    return result;
  }

  private async tellCoincidenceLost({ explanation, said }: Coincidence): Promise<void> {
    const n = ++this.rules.coincidenceWarnings;
    await sendOrRecord(
      this.ctx,
      `${this.id}:coincidence-lost:${n}`,
      {
        kind: 'coincidence-lost',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          explanation,
          ...(said ? { explanationSaid: said } : {}),
        },
      },
      this.input.organizers,
    );
  }

  /**
   * The meeting moves to dates already planned: groups' deadlines move, the coincidence is checked,
   * and everyone gets a reschedule notice with the updated calendar entry.
   */
  private async moveMeeting(
    r: RescheduleRequestParsed,
    milestones: PlannedMilestone[],
    followed?: CouncilProposal,
  ): Promise<CycleStatus> {
    const previous = this.rules.reschedule(r, milestones, this.now());
    for (const child of this.childrenToTell()) {
      await child
        .signal(deadlinesMovedSignal, {
          deadline: this.rules.milestone('inputDeadline'),
          lateUntil: this.rules.milestone('consolidationEnd'),
        })
        .catch(() => undefined); // a group that ended meanwhile needs no telling
    }
    const council = this.rules.state.securityCouncil;
    if (council) await this.checkCoincidence(council.start);
    // A cancellation accepted meanwhile has told everyone; a reschedule notice after it would mislead.
    if (this.rules.isCancelled) return this.rules.status();
    // The session that owns the Council's date hears of the move (a move that follows it needs no
    // telling). Cycles from before the link replay without it.
    if (council?.session && !followed && patched('reschedule-tells-council-session'))
      await this.tellSession(council.session, previous.start, r.as);
    const sequence = ++this.rules.icsSequence;
    await sendOrRecord(
      this.ctx,
      `${this.id}:reschedule:${sequence}`,
      {
        kind: 'reschedule-notice',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          previous: { start: previous.start, end: previous.end, venue: previous.venue },
          reason: r.reason,
          ...(followed && council ? { followsCouncil: { title: council.title, start: council.start } } : {}),
        },
      },
      say.everyone(this.input),
      { sequence },
    );
    if (this.rules.state.invitations) this.rules.state.invitations = { sequence, sentAt: this.now() };
    return this.rules.status();
  }

  /** The Council session hears of the meeting's new dates; its organizers act if the two no longer coincide. */
  private async tellSession(sessionWorkflowId: string, previousStart: string, as: string): Promise<void> {
    const { meeting, coincidence } = this.rules.state;
    try {
      const told = await councilSessions.tellSessionOfCycleMove({
        sessionWorkflowId,
        moveId: `${this.id}:rescheduled:${this.rules.planVersion}`,
        request: {
          as,
          source: this.id,
          meeting: { title: this.input.title, start: meeting.start, end: meeting.end },
          previousStart,
          coincide: coincidence?.coincide ?? true,
          ...(coincidence && !coincidence.coincide
            ? {
                explanation: coincidence.explanation,
                ...(coincidence.said ? { explanationSaid: coincidence.said } : {}),
              }
            : {}),
        },
      });
      this.log(`${sessionWorkflowId} told of the reschedule${told.told ? '' : `: not taken (${told.why})`}`);
    } catch (err) {
      // Telling the session is a courtesy to its organizers: the reschedule itself stands.
      this.log(`${sessionWorkflowId} could not be told of the reschedule: ${causeMessage(err)}`);
    }
  }

  /**
   * After a Council move: nothing to do if the meetings still coincide; otherwise the nearest dates
   * that coincide again, applied at once under the policy `followCouncil`, else proposed to the
   * organizers. With no such dates, the organizers are told the coincidence is lost, as before.
   */
  private async followOrPropose(recordedBy: string): Promise<CouncilMoveResult> {
    const council = this.rules.state.securityCouncil!;
    const coincidence = await this.checkCoincidence(council.start, { tellLost: false });
    if (coincidence.coincide) return { coincidence, followed: false };
    const proposal = await this.proposeDates(council);
    if (!proposal) {
      await this.tellCoincidenceLost(coincidence);
      return { coincidence, followed: false };
    }
    if (this.input.followCouncil) {
      await this.follow(recordedBy, proposal);
      return { coincidence: this.rules.state.coincidence ?? coincidence, proposal, followed: true };
    }
    this.rules.state.councilProposal = proposal;
    await this.tellCouncilProposal(proposal, coincidence);
    return { coincidence, proposal, followed: false };
  }

  private follow(as: string, proposal: CouncilProposal): Promise<CycleStatus> {
    this.log(`the meeting follows the Security Council: ${proposal.shiftDays} days`);
    return this.moveMeeting({ as, start: proposal.start, end: proposal.end }, proposal.milestones, proposal);
  }

  private async proposeDates(council: SecurityCouncilMeeting): Promise<CouncilProposal | undefined> {
    const m = this.rules.state.meeting;
    try {
      const p = await calendar.proposeCoincidingMeeting({
        meeting: meetingRequest(m),
        securityCouncil: { start: council.start, timeZone: council.timeZone },
        organizer: this.input.organizers[0]!.organization,
        policy: this.input.timeline,
        notBefore: this.now(),
      });
      if (!p.found) {
        this.log(`no dates coincide with the Council's: ${p.explanation}`);
        return undefined;
      }
      const { start, end, shiftDays, explanation, said } = p;
      const milestones = p.timeline.milestones;
      return {
        councilStart: council.start,
        start,
        end,
        shiftDays,
        milestones,
        explanation,
        ...(said ? { said } : {}),
        proposedAt: this.now(),
      };
    } catch (err) {
      this.log(`no dates could be proposed: ${causeMessage(err)}`);
      return undefined;
    }
  }

  private async tellCouncilProposal(proposal: CouncilProposal, lost: Coincidence): Promise<void> {
    await sendOrRecord(
      this.ctx,
      `${this.id}:council-proposal:${proposal.councilStart}`,
      {
        kind: 'council-move-proposal',
        data: {
          ...say.common(this.input),
          meeting: this.meeting(),
          explanation: lost.explanation,
          ...(lost.said ? { explanationSaid: lost.said } : {}),
          proposed: {
            start: proposal.start,
            end: proposal.end,
            coincidence: proposal.explanation,
            ...(proposal.said ? { coincidenceSaid: proposal.said } : {}),
          },
          timeline: proposal.milestones.map((x) => ({ name: x.name, at: x.at })),
          applyCommand: say.followCouncilCommand(this.input),
        },
      },
      inRole('organizer', this.input.organizers),
    );
  }

  /** What earlier meetings left open, and the committee's ideas: standing items of the agenda. */
  private async collectCarryForward(): Promise<DocumentRequest['standing']> {
    try {
      const carry = await committee.getCarryForward({
        rehearsal: this.rules.state.rehearsal,
        // Years open as the meeting will see them, on the plan's calendar (a rehearsal's runs fast).
        meetingAt: this.rules.state.meeting.start,
      });
      this.carriedIdeaIds = carry.ideas.map((i) => i.id);
      return {
        decisions: carry.decisions.map((d) => ({
          ref: `HLM ${d.edition}, ${d.ref}`,
          text: d.text,
          status: d.status,
          yearsOpen: d.yearsOpen,
          lastReport: d.lastReport ? `${d.lastReport.at.slice(0, 10)}: ${d.lastReport.summary}` : undefined,
        })),
        ideas: carry.ideas.map((i) => ({ text: i.text, proposedBy: i.proposedBy })),
      };
    } catch (err) {
      // The agenda must not wait on visibility; the organizers see that the standing items are missing.
      this.log(`standing items could not be collected: ${causeMessage(err)}`);
      return { decisions: [], ideas: [] };
    }
  }

  /** One tracking workflow per decision; decisions outlive the cycle (parent-close policy abandon). */
  /**
   * Asks visibility whether each decision's id is free or holds this very decision (a retried
   * outcome); any other holder refuses the whole outcome, naming the decision, and nothing changes.
   */
  private async claimDecisionIds(decisions: OutcomeDecision[]): Promise<Record<string, string>> {
    this.rules.claimOutcome(); // before the await: a second call is refused by the validator
    const claims = decisions.map((d) => ({
      workflowId: workflowIds.decision(this.input.editionKey, d.ref),
      content: { edition: this.input.editionKey, meetingTitle: this.input.title, decision: d },
    }));
    const answer = await decisionStarts.claimDecisionIds({ decisions: claims }).catch((err: unknown) => {
      this.rules.releaseOutcome();
      throw err;
    });
    if (this.rules.isCancelled) {
      this.rules.releaseOutcome();
      throw rejectionFailure('wrong-phase', 'refusal.cycle.cancelledWhileChecking');
    }
    const refused = answer.refused.map((x) => {
      const index = claims.findIndex((c) => c.workflowId === x.workflowId);
      // The index as text: it is a place in the file (decisions.2.ref), written in Latin digits in every language.
      // The sentence as a phrase, said in the reader's language; an answer recorded before it has only its English.
      return { index: String(index), ref: decisions[index]!.ref, reason: x.said ?? x.reason };
    });
    if (refused.length) {
      this.rules.releaseOutcome();
      // One sentence per decision that cannot be tracked; the first is shown, the rest counted.
      const [first, ...others] = refused;
      throw rejectionFailure('conflict', 'refusal.cycle.decisionNotTrackable', {
        ...first!,
        others: others.length,
      });
    }
    return answer.hashes;
  }

  private async startDecisions(
    decisions: OutcomeDecision[],
    as: string,
    hashes?: Record<string, string>,
  ): Promise<string[]> {
    const ids: string[] = [];
    const adoptedAtPlan = this.now();
    const adoptedAt = this.onClock(adoptedAtPlan);
    for (const d of decisions) {
      const workflowId = workflowIds.decision(this.input.editionKey, d.ref);
      const hash = hashes?.[workflowId];
      try {
        await startChild<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
          workflowId,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // What it was started from, so a later start (a retried outcome, an import) can compare.
          ...(hash ? { memo: { [START_MEMO.inputHash]: hash, [START_MEMO.startedBy]: as } } : {}),
          args: [
            {
              decision: {
                ref: d.ref,
                edition: this.input.editionKey,
                meetingTitle: this.input.title,
                text: d.text,
                area: d.area,
                leadOrganization: d.lead,
                responsibleOrganizations: d.responsible.filter((x) => x !== d.lead),
                dueDate: this.onClock(d.dueDate),
                adoptedAt,
                adoptedAtPlan,
                meetingTimeZone: this.input.meeting.timeZone,
              },
              organizers: this.input.organizers.map((o) => ({ name: o.name, email: o.email })),
              rehearsal: this.rules.state.rehearsal,
              // A rehearsal's decisions keep its pace: reports, reminders and escalations compressed too.
              policy: this.input.rehearsal
                ? compressDecisionPolicy(DecisionPolicy.parse({}), this.rules.mapping.factor)
                : undefined,
            },
          ],
        });
      } catch (err) {
        this.log(
          `decision ${d.ref} was not started: ${causeMessage(err)} (already tracked under ${workflowId}?)`,
        );
      }
      this.rules.state.decisions.push({ ref: d.ref, workflowId });
      ids.push(workflowId);
    }
    // An outcome without decisions still took up the ideas its agenda carried; cycles from before
    // this rule announced only decisions, and replay that way.
    const announces =
      ids.length > 0 || (this.carriedIdeaIds.length > 0 && patched(IDEAS_TAKEN_UP_WITHOUT_DECISIONS));
    if (announces)
      await announcer.notifyCommitteeOfDecisions({
        edition: this.input.editionKey,
        refs: decisions.map((d) => d.ref),
        // The committee carries to the next agenda only the ideas proposed after this meeting.
        meetingEnd: this.onClock(this.rules.state.meeting.end),
        ideasTakenUp: this.carriedIdeaIds,
      });
    return ids;
  }

  private keepDecisions(decisions: OutcomeDecision[]): string[] {
    for (const d of decisions)
      this.rules.state.decisions.push({
        ref: d.ref,
        workflowId: workflowIds.decision(this.input.editionKey, d.ref),
      });
    return this.rules.state.decisions.map((d) => d.workflowId);
  }

  /** A planned date as the decision's clock sees it: itself in a real cycle, compressed in a rehearsal. */
  private onClock(planIso: string): string {
    return new Date(toClock(this.rules.mapping, planIso)).toISOString();
  }

  private render(
    kind: 'draft-agenda' | 'final-agenda' | 'outcome-report',
    extra: Partial<DocumentRequest>,
  ): Promise<RenderedDocument> {
    return documents.renderDocument({
      kind,
      cycleId: this.id,
      edition: { number: this.input.edition, title: this.input.title },
      rehearsal: this.rules.state.rehearsal,
      language: this.input.documentLanguage,
      meeting: this.rules.state.meeting,
      ...extra,
    });
  }

  /** The inputs' background papers for an agenda; cycles recorded before the portal's uploads replay without them. */
  private papers(): Pick<DocumentRequest, 'papers'> {
    return patched('agenda-lists-background-papers') ? { papers: say.papersOf(this.results) } : {};
  }

  private meeting() {
    return say.messageMeeting(this.input, this.rules.state);
  }
}

function meetingRequest(m: MeetingPlan) {
  return { start: m.start, end: m.end, timeZone: m.timeZone };
}

/**
 * Why the calendar refused, as the phrase its failure carries (said in the reader's language), or
 * the failure's message when it carries none (an older worker's, or not the calendar's). Only
 * what a refusal says changes with it, not what the workflow does.
 */
function calendarReason(err: unknown): Phrase | string {
  const cause = err instanceof ActivityFailure ? err.cause : undefined;
  if (cause instanceof ApplicationFailure && cause.type === CALENDAR_FAILURE_TYPE) {
    const detail = cause.details?.[0] as Partial<Phrase> | undefined;
    if (typeof detail?.phrase === 'string') return { phrase: detail.phrase, values: detail.values ?? {} };
  }
  return causeMessage(err);
}

function causeMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * A start from any client is checked here, not only by the CLI: a bad input fails the workflow at
 * once, naming the field, rather than a month later. It only validates (the input is used as
 * given), so valid inputs, and every recorded history, run exactly as before.
 */
function checkStartInput(input: CycleInput): void {
  const parsed = CycleInput.safeParse(input);
  if (parsed.success) return;
  throw ApplicationFailure.nonRetryable(
    `the cycle cannot start: ${issueLines(parsed.error.issues, 'input').join('; ')}`,
    'InvalidCycleInput',
  );
}
