/**
 * The preparation cycle of one high-level meeting (`hlm-<edition>`), from the call for inputs to
 * the outcome. What users can do (Updates, each with a validator that rejects before history):
 *
 *   reschedule            organizer   new dates → timeline re-planned, deadlines and reminders move, all told
 *   securityCouncilMoved  organizer   re-checks that the two meetings still coincide
 *   commentOnAgenda       focal point during the comment period
 *   approveAgenda         organizer   → final agenda, invitations with a calendar entry
 *   recordOutcome         organizer   after the meeting → decisions tracked, outcome report to all
 *   cancel                organizer   → groups closed, cancellation notices and calendar cancels
 *
 * Phases: scheduled → collecting-inputs → consolidating → agenda-comment → awaiting-approval →
 * invitations → awaiting-outcome → completed (or cancelled). Query `status` shows all of it.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  ActivityFailure,
  condition,
  defineQuery,
  defineUpdate,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
  type ChildWorkflowHandle,
} from '@temporalio/workflow';
import type { CalendarActivities, PlannedMilestone, PlannedTimeline } from '../activities/calendar';
import type { CommitteeActivities } from '../activities/committee';
import type { DocumentActivities, RenderedDocument } from '../activities/documents';
import {
  PreparationCycle,
  type AgendaComment,
  type ApproveAgendaRequest,
  type CancelRequest,
  type CommentRequest,
  type CyclePhase,
  type GroupSummary,
  type OutcomeDecision,
  type PendingAction,
  type RecordOutcomeRequest,
  type RescheduleRequest,
  type SecurityCouncilMovedRequest,
} from '../domain/cycle';
import type { CycleInput, MeetingPlan } from '../domain/cycle-input';
import { compressDecisionPolicy, DecisionPolicy } from '../domain/decision';
import { searchAttributes, workflowIds } from '../domain/ids';
import type { Participant } from '../domain/people';
import { REAL_TIME, rehearsalMapping, toClock, toPlan, type TimeMapping } from '../domain/time-mapping';
import type { AgendaEntry, DocumentRequest } from '../documents/meeting-documents';
import { decisionTracking } from './decision-tracking';
import { send, type DeliveryFailure, type MailContext } from './mail';
import { rejectWith } from './rejections';
import { announceDecisions } from './standing-committee';
import {
  closeSignal,
  deadlinesMovedSignal,
  groupUpdatedSignal,
  workingGroupInput,
  type GroupResult,
} from './working-group-input';

// ── messages ─────────────────────────────────────────────────────────────────────────────────────
export const rescheduleUpdate = defineUpdate<CycleStatus, [RescheduleRequest]>('reschedule');
export const securityCouncilMovedUpdate = defineUpdate<Coincidence, [SecurityCouncilMovedRequest]>(
  'securityCouncilMoved',
);
export const commentOnAgendaUpdate = defineUpdate<AgendaComment, [CommentRequest]>('commentOnAgenda');
export const approveAgendaUpdate = defineUpdate<{ approvedAt: string }, [ApproveAgendaRequest]>(
  'approveAgenda',
);
export const recordOutcomeUpdate = defineUpdate<
  { decisions: string[]; report: RenderedDocument },
  [RecordOutcomeRequest]
>('recordOutcome');
export const cancelUpdate = defineUpdate<{ cancelledAt: string }, [CancelRequest]>('cancel');
export const cycleStatusQuery = defineQuery<CycleStatus>('status');

export interface Coincidence {
  coincide: boolean;
  explanation: string;
  checkedAt: string;
}

export interface CycleStatus {
  workflowId: string;
  edition: number;
  title: string;
  rehearsal: boolean;
  phase: CyclePhase;
  meeting: MeetingPlan;
  securityCouncil?: { title: string; start: string; timeZone: string };
  coincidence?: Coincidence;
  milestones: PlannedMilestone[];
  groups: GroupSummary[];
  pendingActions: PendingAction[];
  comments: AgendaComment[];
  documents: Partial<Record<'draftAgenda' | 'finalAgenda' | 'outcomeReport', RenderedDocument>>;
  invitations?: { sequence: number; sentAt: string };
  decisions: { ref: string; workflowId: string }[];
  deliveryFailures: DeliveryFailure[];
  cancelled?: { by: string; reason: string; at: string };
  log: { at: string; what: string }[];
}

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

export async function preparationCycle(input: CycleInput): Promise<CycleStatus> {
  const cycle = new PreparationCycle(input);
  const id = workflowInfo().workflowId;
  const s: CycleStatus = {
    workflowId: id,
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
  const ctx: MailContext = {
    meetingZone: input.meeting.timeZone,
    rehearsal: s.rehearsal,
    organizers: input.organizers,
    failures: s.deliveryFailures,
    edition: { number: input.edition, title: input.title },
  };
  let mapping: TimeMapping = REAL_TIME;
  let planVersion = 0;
  let icsSequence = 0;
  let coincidenceWarnings = 0;
  let approved = false;
  let outcomeRecorded = false;
  const children = new Map<string, ChildWorkflowHandle<typeof workingGroupInput>>();
  const nowPlan = () => toPlan(mapping, Date.now());
  const log = (what: string) => s.log.push({ at: nowPlan(), what });
  const milestone = (name: string) => s.milestones.find((m) => m.name === name)?.at ?? input.meeting.start;

  // ── handlers ──────────────────────────────────────────────────────────────────────────────────────
  setHandler(cycleStatusQuery, () => ({
    ...s,
    pendingActions: cycle.pendingActions(
      s.phase,
      s.groups,
      Object.fromEntries(s.milestones.map((m) => [m.name, m.at])),
    ),
  }));
  setHandler(groupUpdatedSignal, (summary) => {
    s.groups = s.groups.map((g) => (g.id === summary.id ? summary : g));
  });

  setHandler(
    rescheduleUpdate,
    async (request) => {
      const r = cycle.validateReschedule(request, s.phase, nowPlan());
      const previous = s.meeting;
      const meeting: MeetingPlan = {
        ...previous,
        start: r.start,
        end: r.end,
        venue: r.venue ?? previous.venue,
      };
      const timeline = await planOrReject(meeting);
      s.meeting = meeting;
      s.milestones = timeline.milestones;
      planVersion++;
      log(`rescheduled by ${r.as}: ${previous.start} → ${meeting.start}`);
      for (const child of runningChildren()) {
        await child.signal(deadlinesMovedSignal, {
          deadline: milestone('inputDeadline'),
          lateUntil: milestone('consolidationEnd'),
        });
      }
      if (s.securityCouncil) await checkCoincidence(s.securityCouncil.start);
      icsSequence++;
      await send(
        ctx,
        `${id}:reschedule:${icsSequence}`,
        {
          kind: 'reschedule-notice',
          data: {
            ...common(),
            meeting: messageMeeting(),
            previous: { start: previous.start, end: previous.end, venue: previous.venue },
            reason: r.reason,
          },
        },
        everyone(),
        { sequence: icsSequence },
      );
      if (s.invitations) s.invitations = { sequence: icsSequence, sentAt: nowPlan() };
      return statusNow();
    },
    { validator: (r) => rejectWith(() => cycle.validateReschedule(r, s.phase, nowPlan())) },
  );

  setHandler(
    securityCouncilMovedUpdate,
    async (request) => {
      const r = cycle.validateSecurityCouncilMoved(request, s.phase);
      s.securityCouncil = {
        title: r.title ?? s.securityCouncil?.title ?? 'Security Council meeting',
        start: r.start,
        timeZone: s.securityCouncil?.timeZone ?? 'America/New_York',
      };
      log(`Security Council meeting moved to ${r.start} (recorded by ${r.as})`);
      return checkCoincidence(r.start);
    },
    { validator: (r) => rejectWith(() => cycle.validateSecurityCouncilMoved(r, s.phase)) },
  );

  setHandler(
    commentOnAgendaUpdate,
    (request) => {
      const r = cycle.validateComment(request, s.phase);
      const comment: AgendaComment = {
        by: r.as,
        organization: r.organization,
        at: nowPlan(),
        text: r.text,
        item: r.item,
      };
      s.comments.push(comment);
      return Promise.resolve(comment);
    },
    { validator: (r) => rejectWith(() => cycle.validateComment(r, s.phase)) },
  );

  setHandler(
    approveAgendaUpdate,
    (request) => {
      const r = cycle.validateApproveAgenda(request, s.phase);
      approved = true;
      log(`agenda approved by ${r.as}`);
      return Promise.resolve({ approvedAt: nowPlan() });
    },
    { validator: (r) => rejectWith(() => cycle.validateApproveAgenda(r, s.phase)) },
  );

  setHandler(
    recordOutcomeUpdate,
    async (request) => {
      const r = cycle.validateRecordOutcome(request, s.phase);
      outcomeRecorded = true; // before any await: a second call is rejected by the validator's phase check
      s.phase = 'completed';
      // Before decision tracking existed the decisions were only kept in the outcome.
      const started = patched('decision-tracking-children')
        ? await startDecisions(r.decisions)
        : keepDecisions(r.decisions);
      const report = await render('outcome-report', {
        summary: r.summary,
        decisions: r.decisions.map(decisionForDocument),
      });
      s.documents.outcomeReport = report;
      await send(
        ctx,
        `${id}:outcome-report`,
        {
          kind: 'outcome-report',
          data: {
            ...common(),
            meeting: messageMeeting(),
            summary: r.summary,
            decisions: r.decisions.map((d) => ({
              ref: d.ref,
              title: firstSentence(d.text),
              lead: d.lead.toUpperCase(),
              responsible: d.responsible.map((x) => x.toUpperCase()),
              due: d.dueDate,
            })),
          },
        },
        everyone(),
      );
      log(`outcome recorded by ${r.as}: ${r.decisions.length} decisions`);
      return { decisions: started, report };
    },
    { validator: (r) => rejectWith(() => cycle.validateRecordOutcome(r, s.phase)) },
  );

  setHandler(
    cancelUpdate,
    async (request) => {
      const r = cycle.validateCancel(request, s.phase);
      s.cancelled = { by: r.as, reason: r.reason, at: nowPlan() };
      await setPhase('cancelled');
      await closeGroups(true);
      icsSequence++;
      await send(
        ctx,
        `${id}:cancellation`,
        { kind: 'cancellation', data: { ...common(), meeting: messageMeeting(), reason: r.reason } },
        everyone(),
        { sequence: icsSequence },
      );
      log(`cancelled by ${r.as}: ${r.reason}`);
      return { cancelledAt: s.cancelled.at };
    },
    { validator: (r) => rejectWith(() => cycle.validateCancel(r, s.phase)) },
  );

  // ── the cycle ─────────────────────────────────────────────────────────────────────────────────────
  await setPhase('scheduled');
  const timeline = await calendar.planTimeline({
    meeting: meetingRequest(input.meeting),
    organizer: input.organizers[0]!.organization,
    policy: input.timeline,
  });
  s.milestones = timeline.milestones;
  if (input.rehearsal)
    mapping = rehearsalMapping(
      Date.parse(milestone('callForInputs')),
      Date.now(),
      input.rehearsal.secondsPerDay,
    );
  if (input.securityCouncil) await checkCoincidence(input.securityCouncil.start);
  log('timeline planned');

  if (await waitUntil(() => milestone('callForInputs'))) return finish();
  await setPhase('collecting-inputs');
  await startWorkingGroups();

  if (await waitUntil(() => milestone('consolidationEnd'))) return finish();
  await setPhase('consolidating');
  await closeGroups(false);
  const results = await Promise.all([...children.values()].map((c) => c.result()));
  // Cycles recorded before carry-forward existed replay without it (test/histories/*-v1.json).
  const carryForward = patched('carry-forward-from-committee')
    ? await collectCarryForward()
    : { decisions: [], ideas: [] };
  s.documents.draftAgenda = await render('draft-agenda', {
    items: agendaOf(results),
    missingGroups: missing(results),
    standing: carryForward,
  });
  await send(
    ctx,
    `${id}:draft-agenda`,
    {
      kind: 'draft-agenda',
      data: {
        ...common(),
        meeting: messageMeeting(),
        items: agendaOf(results)
          .map((i) => ({ title: i.title, group: i.proposedBy }))
          .concat(standingMessageItems()),
        commentDeadline: milestone('commentPeriodEnd'),
      },
    },
    everyone(),
  );

  await setPhase('agenda-comment');
  if (
    await waitUntil(
      () => milestone('commentPeriodEnd'),
      () => approved,
    )
  )
    return finish();
  if (!approved) {
    await setPhase('awaiting-approval');
    await condition(() => approved || Boolean(s.cancelled));
    if (s.cancelled) return finish();
  }
  s.documents.finalAgenda = await render('final-agenda', {
    items: agendaOf(results),
    missingGroups: missing(results),
    standing: carryForward,
    comments: s.comments,
  });
  if (await waitUntil(() => milestone('invitations'))) return finish();
  await send(
    ctx,
    `${id}:invitation:${icsSequence}`,
    {
      kind: 'invitation',
      data: {
        ...common(),
        meeting: messageMeeting(),
        agenda: agendaOf(results)
          .map((i) => ({ title: i.title, group: i.proposedBy }))
          .concat(standingMessageItems()),
      },
    },
    everyone(),
    { sequence: icsSequence },
  );
  s.invitations = { sequence: icsSequence, sentAt: nowPlan() };
  await setPhase('invitations');

  if (await waitUntil(() => s.meeting.end)) return finish();
  await setPhase('awaiting-outcome');
  await condition(() => outcomeRecorded || Boolean(s.cancelled));
  return finish();

  // ── steps ─────────────────────────────────────────────────────────────────────────────────────────

  /** Waits for a planned instant that may move (reschedule); true when the cycle was cancelled. */
  async function waitUntil(at: () => string, orWhen: () => boolean = () => false): Promise<boolean> {
    for (;;) {
      if (s.cancelled) return true;
      if (orWhen()) return false;
      const version = planVersion;
      const ms = toClock(mapping, at()) - Date.now();
      if (ms <= 0) return false;
      await condition(() => planVersion !== version || Boolean(s.cancelled) || orWhen(), ms);
    }
  }

  async function finish(): Promise<CycleStatus> {
    // A group started while the cancellation was being handled has not been told yet.
    if (s.cancelled) await closeGroups(true);
    // Children end once closed; wait so none is left behind, then for every handler.
    await Promise.allSettled([...children.values()].map((c) => c.result()));
    await condition(allHandlersFinished);
    if (!s.cancelled) await setPhase('completed');
    return statusNow();
  }

  async function startWorkingGroups(): Promise<void> {
    const snap = input.timeline.snapToBusinessDays !== false;
    for (const group of input.workingGroups) {
      if (s.cancelled) return;
      const handle = await startChild(workingGroupInput, {
        workflowId: workflowIds.workingGroup(input.editionKey, group.id),
        args: [
          {
            edition: { number: input.edition, title: input.title, key: input.editionKey },
            meeting: messageMeeting(),
            meetingZone: input.meeting.timeZone,
            group,
            organizers: input.organizers,
            deadline: milestone('inputDeadline'),
            lateUntil: milestone('consolidationEnd'),
            reminderOffsets: input.reminderOffsets,
            snapToBusinessDays: snap,
            overdueGraceMs: input.overdueGraceMs,
            mapping,
            rehearsal: s.rehearsal,
            maxInputChars: input.maxInputChars,
          },
        ],
      });
      children.set(group.id, handle);
    }
    log(`call for inputs: ${input.workingGroups.length} working groups started`);
  }

  /** Tells every group still open that consolidation closed (or the cycle was cancelled). */
  async function closeGroups(cancelled: boolean): Promise<void> {
    await Promise.all(
      runningChildren().map((child) =>
        // A group that ended meanwhile cannot be signalled; it needs no telling.
        child.signal(closeSignal, { cancelled }).catch(() => undefined),
      ),
    );
  }

  function runningChildren() {
    const closed = new Set(
      s.groups
        .filter((g) => g.status === 'accepted' || g.status === 'closed' || g.status === 'cancelled')
        .map((g) => g.id),
    );
    return [...children.entries()].filter(([group]) => !closed.has(group)).map(([, handle]) => handle);
  }

  async function setPhase(phase: CyclePhase): Promise<void> {
    s.phase = phase;
    upsertSearchAttributes([
      { key: searchAttributes.CyclePhase, value: phase },
      { key: searchAttributes.MeetingEdition, value: input.editionKey },
      { key: searchAttributes.Rehearsal, value: s.rehearsal },
    ]);
    return Promise.resolve();
  }

  async function planOrReject(meeting: MeetingPlan): Promise<PlannedTimeline> {
    try {
      return await calendar.planTimeline({
        meeting: meetingRequest(meeting),
        organizer: input.organizers[0]!.organization,
        policy: input.timeline,
      });
    } catch (err) {
      throw ApplicationFailure.nonRetryable(`cannot reschedule: ${causeMessage(err)}`, 'Rejected');
    }
  }

  async function checkCoincidence(securityCouncilStart: string): Promise<Coincidence> {
    let result: Coincidence;
    try {
      const r = await calendar.checkCoincidence({
        highLevelMeeting: { start: s.meeting.start, timeZone: s.meeting.timeZone },
        securityCouncil: {
          start: securityCouncilStart,
          timeZone: s.securityCouncil?.timeZone ?? 'America/New_York',
        },
      });
      result = { ...r, checkedAt: nowPlan() };
    } catch (err) {
      result = { coincide: false, explanation: causeMessage(err), checkedAt: nowPlan() };
      log(`the meetings no longer coincide: ${result.explanation}`);
      coincidenceWarnings++;
      await send(
        ctx,
        `${id}:coincidence-lost:${coincidenceWarnings}`,
        {
          kind: 'coincidence-lost',
          data: { ...common(), meeting: messageMeeting(), explanation: result.explanation },
        },
        input.organizers,
      );
    }
    s.coincidence = result;
    return result;
  }

  /** What earlier meetings left open, and the committee's ideas: standing items of the agenda. */
  async function collectCarryForward(): Promise<DocumentRequest['standing']> {
    try {
      const carry = await committee.getCarryForward({ rehearsal: s.rehearsal });
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
      log(`standing items could not be collected: ${causeMessage(err)}`);
      return { decisions: [], ideas: [] };
    }
  }

  function standingMessageItems() {
    return [
      { title: 'Implementation of decisions of previous meetings', group: 'Standing item' },
      { title: 'Proposals of the standing committee', group: 'Standing item' },
    ];
  }

  /** One tracking workflow per decision; decisions outlive the cycle (parent-close policy abandon). */
  async function startDecisions(decisions: OutcomeDecision[]): Promise<string[]> {
    const ids: string[] = [];
    const adoptedAt = onClock(nowPlan());
    for (const d of decisions) {
      const workflowId = workflowIds.decision(input.editionKey, d.ref);
      try {
        await startChild(decisionTracking, {
          workflowId,
          parentClosePolicy: ParentClosePolicy.ABANDON,
          args: [
            {
              decision: {
                ref: d.ref,
                edition: input.editionKey,
                meetingTitle: input.title,
                text: d.text,
                area: d.area,
                leadOrganization: d.lead,
                responsibleOrganizations: d.responsible.filter((r) => r !== d.lead),
                dueDate: onClock(d.dueDate),
                adoptedAt,
                meetingTimeZone: input.meeting.timeZone,
              },
              organizers: input.organizers.map((o) => ({ name: o.name, email: o.email })),
              rehearsal: s.rehearsal,
              // A rehearsal's decisions keep its pace: reports, reminders and escalations compressed too.
              policy: input.rehearsal
                ? compressDecisionPolicy(DecisionPolicy.parse({}), mapping.factor)
                : undefined,
            },
          ],
        });
      } catch (err) {
        log(`decision ${d.ref} was not started: ${causeMessage(err)} (already tracked under ${workflowId}?)`);
      }
      s.decisions.push({ ref: d.ref, workflowId });
      ids.push(workflowId);
    }
    if (ids.length) await announceDecisions({ edition: input.editionKey, refs: decisions.map((d) => d.ref) });
    return ids;
  }

  function keepDecisions(decisions: OutcomeDecision[]): string[] {
    for (const d of decisions)
      s.decisions.push({ ref: d.ref, workflowId: workflowIds.decision(input.editionKey, d.ref) });
    return s.decisions.map((d) => d.workflowId);
  }

  /** A planned date as the decision's clock sees it: itself in a real cycle, compressed in a rehearsal. */
  function onClock(planIso: string): string {
    return new Date(toClock(mapping, planIso)).toISOString();
  }

  function render(
    kind: 'draft-agenda' | 'final-agenda' | 'outcome-report',
    extra: Partial<DocumentRequest>,
  ): Promise<RenderedDocument> {
    return documents.renderDocument({
      kind,
      cycleId: id,
      edition: { number: input.edition, title: input.title },
      rehearsal: s.rehearsal,
      meeting: s.meeting,
      ...extra,
    });
  }

  function common() {
    const o = input.organizers[0]!;
    return { edition: ctx.edition, contact: { name: o.name, email: o.email } };
  }

  function messageMeeting() {
    return {
      title: input.title,
      start: s.meeting.start,
      end: s.meeting.end,
      venue: s.meeting.venue,
      councilMeeting: s.securityCouncil
        ? { title: s.securityCouncil.title, start: s.securityCouncil.start }
        : undefined,
    };
  }

  function everyone(): Participant[] {
    return [
      ...input.organizers,
      ...input.participants.flatMap((p) => p.focalPoints),
      ...input.workingGroups.flatMap((g) => [g.chair, ...g.delegates]),
    ];
  }

  function statusNow(): CycleStatus {
    return {
      ...s,
      pendingActions: cycle.pendingActions(
        s.phase,
        s.groups,
        Object.fromEntries(s.milestones.map((m) => [m.name, m.at])),
      ),
    };
  }
}

function agendaOf(results: GroupResult[]): AgendaEntry[] {
  return results.flatMap((r) =>
    r.submission && (r.outcome === 'accepted' || r.outcome === 'unreviewed')
      ? r.submission.input.agendaItems.map((item) => ({
          ...item,
          proposedBy: r.title,
          late: r.late,
          unreviewed: r.outcome === 'unreviewed',
        }))
      : [],
  );
}

function missing(results: GroupResult[]): string[] {
  return results.filter((r) => r.outcome === 'no-input' || r.outcome === 'cancelled').map((r) => r.title);
}

function decisionForDocument(d: OutcomeDecision) {
  return {
    ref: d.ref,
    text: d.text,
    area: d.area,
    lead: d.lead,
    responsible: d.responsible,
    dueDate: d.dueDate,
  };
}

function meetingRequest(m: MeetingPlan) {
  return { start: m.start, end: m.end, timeZone: m.timeZone };
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=[.;])\s/)[0] ?? text;
  return sentence.length > 200 ? `${sentence.slice(0, 197)}…` : sentence;
}

function causeMessage(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) return err.cause.message;
  return err instanceof Error ? err.message : String(err);
}
