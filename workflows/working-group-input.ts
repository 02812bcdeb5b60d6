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
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { CalendarActivities } from '../activities/calendar';
import type { DeliveryFailure } from '../domain/delivery';
import { inRole, type Participant } from '../domain/people';
import type { PlannedReminder } from '../domain/planning';
import { toClock, toPlan } from '../domain/time-mapping';
import {
  CloseGroup,
  DeadlinesMoved,
  WorkingGroupInput,
  type ExtensionRequest,
  type GroupEvent,
  type GroupResult,
} from '../domain/working-group';
import {
  closeSignal,
  deadlinesMovedSignal,
  decideExtensionUpdate,
  groupStatusQuery,
  groupUpdatedSignal,
  requestExtensionUpdate,
  reviewInputUpdate,
  submitInputUpdate,
  type WorkingGroupArgs,
  type WorkingGroupInputWorkflow,
} from './definitions/working-group-input';
import { sendOrRecord, type MailContext } from './mail';
import { countEscalation } from './metrics';
import { rejectWith } from './rejections';
import { onSignal } from './signals';

// The contract's signature is the implementation's: a client starting it by name gets the same types.
workingGroupInput satisfies WorkingGroupInputWorkflow;

/** Since a submission sends its receipt, and an extension request tells the organizers. */
const INPUT_RECEIVED = 'input-received-receipt';
const EXTENSION_REQUESTED = 'extension-requested-notice';
/** Since the cycle is told of a change only, not again of what it was last told. */
const REPORT_ONLY_CHANGES = 'report-only-changes';

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
  const title = args.group.title;
  const submitters = [
    ...inRole('chair', [args.group.chair], title),
    ...inRole('delegate', args.group.delegates, title),
  ];
  // Tells the cycle without holding up the caller: the signal goes out with the handler's reply,
  // and the workflow waits for every such signal before it ends.
  const reports: Promise<void>[] = [];
  let lastReport: string | undefined;
  const reportToCycle = () => {
    const parent = workflowInfo().parent;
    if (!parent) return;
    // What the cycle was last told needs no second signal (a billed action each): an accepted
    // group's close changes nothing. Groups from before sent it; they replay that way.
    const report = JSON.stringify(wg.summary());
    if (report === lastReport && patched(REPORT_ONLY_CHANGES)) return;
    lastReport = report;
    // A cycle that has ended needs no news; nothing else can make this signal fail.
    reports.push(
      getExternalWorkflowHandle(parent.workflowId)
        .signal(groupUpdatedSignal, wg.summary())
        .catch(() => undefined),
    );
  };

  // ── handlers: validators reject before anything is written; handlers change state, then tell ──
  setHandler(
    submitInputUpdate,
    async (request) => {
      const r = wg.validateSubmit(request, nowPlan());
      const receipt = wg.submit(r, nowPlan());
      if (!receipt.duplicate) {
        reportToCycle();
        // Groups from before the receipt replay without it. The chair's Update does not wait for
        // the mail; the workflow does, before it ends.
        if (patched(INPUT_RECEIVED)) reports.push(sendReceipt(receipt.version));
      }
      return { ...receipt, timeZone: args.meetingZone };
    },
    { validator: (request) => void rejectWith(() => wg.validateSubmit(request, nowPlan())) },
  );
  setHandler(
    requestExtensionUpdate,
    async (request) => {
      const extension = wg.requestExtension(wg.validateRequestExtension(request), nowPlan());
      reportToCycle();
      // Groups from before this notice told no one; they replay that way. Not awaited, as above.
      if (patched(EXTENSION_REQUESTED)) reports.push(tellOrganizersOfExtension(extension));
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
      await sendOrRecord(
        ctx,
        `${id}:extension:${n}`,
        decided.decision?.granted
          ? {
              kind: 'extension-granted',
              data: { ...common(), previousDeadline, reason: decided.decision.reason },
            }
          : { kind: 'extension-denied', data: { ...common(), reason: decided.decision?.reason ?? '' } },
        inRole('chair', [args.group.chair], title),
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
      await sendOrRecord(
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
    submitters: submitters.map(({ email, name, language }) => ({ email, name, language })),
    remindersPlanned: reminders,
    deliveryFailures: failures,
  }));
  onSignal(deadlinesMovedSignal, DeadlinesMoved, ({ deadline, lateUntil }) => {
    wg.moveDeadlines(deadline, lateUntil);
    planVersion++;
  });
  onSignal(closeSignal, CloseGroup, (c) => {
    closing = c;
  });

  /** The chair's and delegates' receipt of one version, as written; its key holds the version. */
  async function sendReceipt(version: number): Promise<void> {
    const submission = wg.state.submissions.find((x) => x.version === version)!;
    const by = submitters.find((p) => p.email.toLowerCase() === submission.submittedBy);
    await sendOrRecord(
      ctx,
      `${id}:input-received:v${version}`,
      {
        kind: 'input-received',
        data: {
          ...common(),
          version,
          receivedAt: submission.receivedAt,
          late: submission.late,
          submittedBy: { name: by?.name ?? submission.submittedBy, email: submission.submittedBy },
          summary: submission.input.summary,
          items: submission.input.agendaItems.map((i) => i.title),
          files: submission.input.attachments.map((a) => ({ title: a.title, file: a.file?.name })),
        },
      },
      submitters,
    );
  }

  /** The organizers decide on an extension: who asks, until when, why, and how to answer. */
  async function tellOrganizersOfExtension(extension: ExtensionRequest): Promise<void> {
    const by = submitters.find((p) => p.email.toLowerCase() === extension.by);
    await sendOrRecord(
      ctx,
      `${id}:extension-requested:${wg.state.extensions.length}`,
      {
        kind: 'extension-requested',
        data: {
          ...common(),
          requestedBy: { name: by?.name ?? extension.by, email: extension.by },
          requestedAt: extension.at,
          until: extension.until,
          reason: extension.reason,
          decideCommand: `convene input decide ${args.edition.key} ${args.group.id}`,
        },
      },
      inRole('organizer', args.organizers),
    );
  }

  // ── the call for inputs, then wait for the input while reminding ─────────────────────────────────
  await sendOrRecord(
    ctx,
    `${id}:call-for-inputs`,
    { kind: 'call-for-inputs', data: { ...common(), meeting: args.meeting } },
    [...submitters, ...inRole('member', args.group.members, title)],
  );
  reportToCycle();

  while (!closing && wg.isOpen) {
    const version = planVersion;
    reminders = await planRemindersOrNone(args, wg.state.deadline, nowPlan());
    while (!closing && wg.isOpen && version === planVersion) {
      const next = wg.nextEvent(reminders, remindersSent, args.overdueGraceMs);
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
  return wg.result();

  async function act(event: GroupEvent): Promise<void> {
    switch (event.kind) {
      case 'reminder': {
        remindersSent.add(event.key);
        wg.state.remindersSent++;
        const person = submitters.find((p) => p.email === event.reminder.recipient) ?? args.group.chair;
        await sendOrRecord(ctx, `${id}:${event.key}`, { kind: 'input-reminder', data: common() }, [person]);
        return;
      }
      case 'overdue':
        wg.state.overdueNoticeSent = true;
        await sendOrRecord(
          ctx,
          `${id}:overdue:${wg.state.deadline}`,
          { kind: 'input-overdue', data: common() },
          submitters,
        );
        reportToCycle();
        return;
      case 'escalation':
        wg.state.escalated = true;
        countEscalation('input', 1);
        await sendOrRecord(
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

/** Reminders are a courtesy: a calendar that cannot plan them leaves the group open without them. */
async function planRemindersOrNone(
  args: WorkingGroupArgs,
  deadline: string,
  now: string,
): Promise<PlannedReminder[]> {
  try {
    return await planRemindersFor(args, deadline, now);
  } catch (err) {
    // Groups from before this rule failed here; they replay that way.
    if (!patched('reminders-optional')) throw err;
    log.warn('reminders could not be planned; the group goes on without them', { error: String(err) });
    return [];
  }
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

function contactOf(p: Participant) {
  return { name: p.name, email: p.email };
}
