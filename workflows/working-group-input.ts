/**
 * One working group's input to a cycle (`hlm-<edition>-wg-<group>`), a child of the preparation cycle.
 *
 * Users: the chair (or a delegate) submits and may ask for an extension; the organizers review and
 * decide on extensions. Convene sends the call for inputs, reminders while nothing acceptable is in,
 * an overdue notice at the deadline and an escalation to the organizers after the grace period.
 * The child ends with the accepted input, or what was last submitted, or "no input".
 */
import {
  allHandlersFinished,
  condition,
  defineQuery,
  defineSignal,
  defineUpdate,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CalendarActivities, PlannedReminder } from '../activities/calendar';
import type { WorkingGroup } from '../domain/cycle-input';
import type { GroupSummary } from '../domain/cycle';
import type { Participant } from '../domain/people';
import { toClock, toPlan, type TimeMapping } from '../domain/time-mapping';
import {
  WorkingGroupInput,
  type DecideExtensionRequest,
  type ExtensionRequest,
  type GroupState,
  type Receipt,
  type RequestExtensionRequest,
  type ReviewInputRequest,
  type Submission,
  type SubmitInputRequest,
} from '../domain/working-group';
import type { Meeting as MessageMeeting } from '../notifications/messages';
import { send, type DeliveryFailure, type MailContext } from './mail';
import { rejectWith } from './rejections';

// ── messages ─────────────────────────────────────────────────────────────────────────────────────
export const submitInputUpdate = defineUpdate<Receipt, [SubmitInputRequest]>('submitInput');
export const requestExtensionUpdate = defineUpdate<ExtensionRequest, [RequestExtensionRequest]>(
  'requestExtension',
);
export const decideExtensionUpdate = defineUpdate<ExtensionRequest, [DecideExtensionRequest]>(
  'decideExtension',
);
export const reviewInputUpdate = defineUpdate<Submission, [ReviewInputRequest]>('reviewInput');
export const groupStatusQuery = defineQuery<GroupView>('status');
/** From the cycle: the meeting moved, so the deadlines did. */
export const deadlinesMovedSignal = defineSignal<[{ deadline: string; lateUntil: string }]>('deadlinesMoved');
/** From the cycle: consolidation has closed (or the cycle was cancelled). */
export const closeSignal = defineSignal<[{ cancelled: boolean }]>('close');
/** To the cycle: this group's summary changed. */
export const groupUpdatedSignal = defineSignal<[GroupSummary]>('groupUpdated');

export interface WorkingGroupArgs {
  edition: { number: number; title: string; key: string };
  meeting: MessageMeeting;
  meetingZone: string;
  group: WorkingGroup;
  organizers: Participant[];
  deadline: string;
  lateUntil: string;
  reminderOffsets: string[];
  snapToBusinessDays: boolean;
  overdueGraceMs: number;
  mapping: TimeMapping;
  rehearsal: boolean;
  maxInputChars: number;
}

export interface GroupView extends GroupState {
  group: string;
  meetingZone: string;
  title: string;
  chair: string;
  remindersPlanned: PlannedReminder[];
  deliveryFailures: DeliveryFailure[];
}

export interface GroupResult {
  group: string;
  title: string;
  /** accepted: reviewed and accepted; unreviewed: submitted but not reviewed when consolidation closed. */
  outcome: 'accepted' | 'unreviewed' | 'no-input' | 'cancelled';
  submission?: Submission;
  versions: number;
  late: boolean;
}

const calendar = proxyActivities<CalendarActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 10 },
});

export async function workingGroupInput(args: WorkingGroupArgs): Promise<GroupResult> {
  const wg = new WorkingGroupInput(
    args.group,
    args.organizers,
    WorkingGroupInput.initial(args.deadline, args.lateUntil),
    args.maxInputChars,
  );
  const failures: DeliveryFailure[] = [];
  const ctx: MailContext = {
    meetingZone: args.meetingZone,
    rehearsal: args.rehearsal,
    organizers: args.organizers,
    failures,
    edition: { number: args.edition.number, title: args.edition.title },
  };
  const id = workflowInfo().workflowId;
  const nowPlan = () => toPlan(args.mapping, Date.now());
  let reminders: PlannedReminder[] = [];
  const remindersSent = new Set<string>();
  let planVersion = 0; // bumped whenever the deadline moves, so waits re-plan
  let closing: { cancelled: boolean } | undefined;

  const common = () => ({
    edition: ctx.edition,
    contact: contactOf(args.organizers[0]!),
    group: args.group.title,
    deadline: wg.state.deadline,
  });
  const submitters = [args.group.chair, ...args.group.delegates];
  // Tells the cycle without holding up the caller: the signal goes out with the handler's reply,
  // and the workflow waits for every such signal before it ends.
  const reports: Promise<void>[] = [];
  const reportToCycle = () => {
    const parent = workflowInfo().parent;
    if (!parent) return;
    // A cycle that has ended needs no news; nothing else can make this signal fail.
    reports.push(
      getExternalWorkflowHandle(parent.workflowId)
        .signal(groupUpdatedSignal, summaryOf(wg))
        .catch(() => undefined),
    );
  };

  // ── handlers: validators reject before anything is written; handlers change state, then tell ──
  setHandler(
    submitInputUpdate,
    async (request) => {
      const r = wg.validateSubmit(request, nowPlan());
      const receipt = wg.submit(r, nowPlan());
      if (!receipt.duplicate) reportToCycle();
      return { ...receipt, timeZone: args.meetingZone };
    },
    { validator: (request) => void rejectWith(() => wg.validateSubmit(request, nowPlan())) },
  );
  setHandler(
    requestExtensionUpdate,
    async (request) => {
      const extension = wg.requestExtension(wg.validateRequestExtension(request), nowPlan());
      reportToCycle();
      return extension;
    },
    { validator: (request) => void rejectWith(() => wg.validateRequestExtension(request)) },
  );
  setHandler(
    decideExtensionUpdate,
    async (request) => {
      const previousDeadline = wg.state.deadline;
      const decided = wg.decideExtension(wg.validateDecideExtension(request), nowPlan());
      if (decided.decision?.granted) planVersion++;
      const n = wg.state.extensions.length;
      await send(
        ctx,
        `${id}:extension:${n}`,
        decided.decision?.granted
          ? {
              kind: 'extension-granted',
              data: { ...common(), previousDeadline, reason: decided.decision.reason },
            }
          : { kind: 'extension-denied', data: { ...common(), reason: decided.decision?.reason ?? '' } },
        [args.group.chair],
      );
      reportToCycle();
      return decided;
    },
    { validator: (request) => void rejectWith(() => wg.validateDecideExtension(request)) },
  );
  setHandler(
    reviewInputUpdate,
    async (request) => {
      const reviewed = wg.review(wg.validateReview(request), nowPlan());
      const by =
        args.organizers.find((o) => o.email === reviewed.review?.by)?.name ?? reviewed.review?.by ?? '';
      await send(
        ctx,
        `${id}:review:v${reviewed.version}`,
        reviewed.review?.decision === 'accepted'
          ? {
              kind: 'input-accepted',
              data: {
                edition: ctx.edition,
                contact: contactOf(args.organizers[0]!),
                group: args.group.title,
                acceptedBy: by,
                acceptedAt: reviewed.review.at,
              },
            }
          : {
              kind: 'revision-requested',
              data: { ...common(), reviewer: by, comments: reviewed.review?.comments ?? '' },
            },
        submitters,
      );
      reportToCycle();
      return reviewed;
    },
    { validator: (request) => void rejectWith(() => wg.validateReview(request)) },
  );
  setHandler(groupStatusQuery, () => ({
    ...wg.state,
    group: args.group.id,
    meetingZone: args.meetingZone,
    title: args.group.title,
    chair: args.group.chair.email,
    remindersPlanned: reminders,
    deliveryFailures: failures,
  }));
  setHandler(deadlinesMovedSignal, ({ deadline, lateUntil }) => {
    wg.moveDeadlines(deadline, lateUntil);
    planVersion++;
  });
  setHandler(closeSignal, (c) => {
    closing = c;
  });

  // ── the call for inputs, then wait for the input while reminding ─────────────────────────────────
  await send(
    ctx,
    `${id}:call-for-inputs`,
    { kind: 'call-for-inputs', data: { ...common(), meeting: args.meeting } },
    [...submitters, ...args.group.members],
  );
  reportToCycle();

  while (!closing && wg.isOpen) {
    const version = planVersion;
    reminders = await planRemindersFor(args, wg.state.deadline, nowPlan());
    while (!closing && wg.isOpen && version === planVersion) {
      const next = nextEvent(args, wg, reminders, remindersSent);
      const waitMs = next ? Math.max(0, toClock(args.mapping, next.at) - Date.now()) : undefined;
      const interrupted = () => Boolean(closing) || !wg.isOpen || version !== planVersion;
      const woke =
        waitMs === undefined
          ? await condition(interrupted).then(() => true)
          : await condition(interrupted, waitMs);
      if (woke || !next) continue;
      await act(next);
    }
  }
  await condition(allHandlersFinished);
  if (closing?.cancelled) wg.cancel();
  else wg.close();
  reportToCycle();
  await Promise.all(reports);
  return resultOf(wg);

  async function act(event: GroupEvent): Promise<void> {
    switch (event.kind) {
      case 'reminder': {
        remindersSent.add(event.key);
        wg.state.remindersSent++;
        const person = submitters.find((p) => p.email === event.reminder.recipient) ?? args.group.chair;
        await send(ctx, `${id}:${event.key}`, { kind: 'input-reminder', data: common() }, [person]);
        return;
      }
      case 'overdue':
        wg.state.overdueNoticeSent = true;
        await send(
          ctx,
          `${id}:overdue:${wg.state.deadline}`,
          { kind: 'input-overdue', data: common() },
          submitters,
        );
        reportToCycle();
        return;
      case 'escalation':
        wg.state.escalated = true;
        await send(
          ctx,
          `${id}:escalation:${wg.state.deadline}`,
          {
            kind: 'input-escalation',
            data: { ...common(), chair: contactOf(args.group.chair), remindersSent: wg.state.remindersSent },
          },
          args.organizers,
        );
        return;
      case 'close':
        closing = { cancelled: false };
        return;
    }
  }
}

type GroupEvent =
  | { kind: 'reminder'; at: string; key: string; reminder: PlannedReminder }
  | { kind: 'overdue'; at: string }
  | { kind: 'escalation'; at: string }
  | { kind: 'close'; at: string };

/** The next thing convene must do for this group, in planned time. */
function nextEvent(
  args: WorkingGroupArgs,
  wg: WorkingGroupInput,
  reminders: PlannedReminder[],
  sent: Set<string>,
): GroupEvent | undefined {
  const events: GroupEvent[] = [{ kind: 'close', at: wg.state.lateUntil }];
  if (wg.awaitingInput) {
    for (const r of reminders) {
      const key = reminderKey(r, wg.state.deadline);
      if (!sent.has(key) && Date.parse(r.at) < Date.parse(wg.state.deadline))
        events.push({ kind: 'reminder', at: r.at, key, reminder: r });
    }
    if (!wg.state.overdueNoticeSent) events.push({ kind: 'overdue', at: wg.state.deadline });
    else if (!wg.state.escalated) {
      events.push({
        kind: 'escalation',
        at: new Date(Date.parse(wg.state.deadline) + args.overdueGraceMs).toISOString(),
      });
    }
  }
  return events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
}

function reminderKey(r: PlannedReminder, deadline: string): string {
  return `reminder:${r.recipient}:${r.offset}:${deadline}`;
}

async function planRemindersFor(
  args: WorkingGroupArgs,
  deadline: string,
  now: string,
): Promise<PlannedReminder[]> {
  const people = [args.group.chair, ...args.group.delegates];
  const plan = await calendar.planReminders({
    deadline,
    now,
    offsets: args.reminderOffsets,
    snapToBusinessDays: args.snapToBusinessDays,
    recipients: people.map((p) => ({ id: p.email, organization: p.organization, timeZone: p.timeZone })),
  });
  return plan.reminders;
}

function summaryOf(wg: WorkingGroupInput): GroupSummary {
  const latest = wg.latest;
  const pending = wg.pendingExtension;
  return {
    id: wg.group.id,
    title: wg.group.title,
    chair: wg.group.chair.email,
    status: wg.state.status,
    version: latest?.version ?? 0,
    late: latest?.late ?? wg.state.overdueNoticeSent,
    deadline: wg.state.deadline,
    pendingExtension: pending ? { until: pending.until, reason: pending.reason } : undefined,
    remindersSent: wg.state.remindersSent,
  };
}

function resultOf(wg: WorkingGroupInput): GroupResult {
  const latest = wg.latest;
  const base = {
    group: wg.group.id,
    title: wg.group.title,
    versions: wg.state.submissions.length,
    late: latest?.late ?? false,
  };
  if (wg.state.status === 'cancelled') return { ...base, outcome: 'cancelled', submission: latest };
  if (!latest) return { ...base, outcome: 'no-input' };
  if (latest.review?.decision === 'accepted') return { ...base, outcome: 'accepted', submission: latest };
  return {
    ...base,
    outcome: latest.review ? 'no-input' : 'unreviewed',
    submission: latest.review ? undefined : latest,
  };
}

function contactOf(p: Participant) {
  return { name: p.name, email: p.email };
}
