/**
 * Decision tracking (`decision-<edition>-<ref>`): one decision of a high-level meeting, followed
 * for years until it is verified, withdrawn or superseded. The rules are in
 * domain/decision-tracker.ts; this file wires people's actions (Updates) and the clock to them.
 *
 *   reportProgress     focal point of the lead or a responsible organization
 *   claimImplemented   focal point of the lead, with evidence
 *   verify, rejectClaim, extendDueDate   standing-committee member
 *   reassignLead, withdraw, supersede    organizer
 *   status (query)     the whole record
 *
 * Each change tells the people it concerns (domain/decision-messages.ts `mailingsForAction`): the
 * mail goes beside the Update, which answers at once; the run waits for it before it ends.
 * Timers: progress requests on a cadence, a due-soon reminder, the overdue escalation ladder,
 * stall detection. Continue-as-new after `maxEventsPerRun` handled events, or when Temporal
 * suggests it, carrying the whole state.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  makeContinueAsNewFunc,
  patched,
  proxyLocalActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  uuid4,
} from '@temporalio/workflow';
import type { CommitteeActivities, LoadedDecisionRoster } from '../activities/committee';
import { decisionSourceLabel, DecisionPolicy, editionNumber, type ActionReceipt } from '../domain/decision';
import { DecisionTrackingInput, type DecisionTrackingParams } from '../domain/decision-input';
import type { CarriedDecisionInput, DecisionView, UnsentMail } from '../domain/decision-record';
import type { DecisionAction } from '../domain/decision-requests';
import {
  importedMailing,
  mailingsForAction,
  messageForAction,
  type EventMailing,
} from '../domain/decision-messages';
import { DecisionTracker, parseAction, type DueAction } from '../domain/decision-tracker';
import { searchAttributes } from '../domain/ids';
import { issueLines } from '../domain/issues';
import { Roster, type DecisionRoster } from '../domain/roster';
import {
  claimImplementedUpdate,
  decisionStatusQuery,
  extendDueDateUpdate,
  reassignLeadUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  supersedeUpdate,
  verifyUpdate,
  withdrawUpdate,
  type DecisionTrackingWorkflow,
} from './definitions/decision-tracking';
import { send, sendOrRecord, type MailContext } from './mail';
import { countDecisionStatus, countEscalation } from './metrics';
import { Session, type UpdateOf } from './session';

decisionTracking satisfies DecisionTrackingWorkflow;

const people = proxyLocalActivities<Pick<CommitteeActivities, 'loadDecisionRoster'>>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: ['UnknownOrganization'] },
});

export async function decisionTracking(raw: DecisionTrackingInput): Promise<DecisionView> {
  const input = parseInput(raw);
  const session = new DecisionSession(input);
  setHandler(decisionStatusQuery, () => session.view());
  session.wireAction(reportProgressUpdate, 'reportProgress');
  session.wireAction(claimImplementedUpdate, 'claimImplemented');
  session.wireAction(verifyUpdate, 'verify');
  session.wireAction(rejectClaimUpdate, 'rejectClaim');
  session.wireAction(extendDueDateUpdate, 'extendDueDate');
  session.wireAction(reassignLeadUpdate, 'reassignLead');
  session.wireAction(withdrawUpdate, 'withdraw');
  session.wireAction(supersedeUpdate, 'supersede');

  await session.loadRoster();
  session.resendCarried();
  session.announceImport();
  await session.followTheClock(); // until the decision is closed, or it is time to hand over
  await condition(allHandlersFinished);
  if (session.tracker.closed) {
    await session.mailSent();
    return session.view();
  }
  // The memo is not carried over on its own: the lists show the ref and title from it.
  return makeContinueAsNewFunc<typeof decisionTracking>({ memo: memoOf(session.tracker) })({
    ...raw,
    carried: session.carried(),
  });
}

/** One run of a decision: its tracker, and what the run has handled so far. */
class DecisionSession extends Session {
  readonly tracker: DecisionTracker;
  private readonly index: SearchIndex;
  /**
   * Mail under way beside the Updates that caused it, by key. A closed decision ends when it has
   * gone; a run that hands over carries what is still under way to the next.
   */
  private readonly outgoing = new Map<string, UnsentMail>();

  constructor(private readonly input: DecisionTrackingParams) {
    super(input.carried, input.maxEventsPerRun);
    this.tracker = new DecisionTracker(
      input.carried?.state ?? DecisionTracker.adopt(input.decision, now()),
      new Roster(input.carried?.roster ?? NOBODY_YET),
      input.policy ?? input.carried?.policy ?? DecisionPolicy.parse({}),
    );
    this.tracker.remindsPendingClaims = patched(PATCHES.claimReminders);
    this.index = new SearchIndex(this.tracker, input.rehearsal, input.carried?.state.status);
  }

  view(): DecisionView {
    return this.tracker.view(Date.now(), { rehearsal: this.input.rehearsal, run: this.run });
  }

  wireAction<R>(update: UpdateOf<ActionReceipt, R>, action: DecisionAction): void {
    const { tracker } = this;
    this.wire(update, {
      payload: (r) => parseAction(action, r),
      check: (r) => tracker.check(action, r),
      prepare: (r) => addOrganizations(tracker, this.input, tracker.newOrganizations(action, r)),
      apply: (r) => {
        const receipt = tracker.apply(action, r, now(), uuid4);
        if (!receipt.duplicate && patched(PATCHES.eventMail)) {
          this.tell(mailingsForAction(tracker, action, receipt));
        }
        return receipt;
      },
    });
  }

  /** A decision that `decision import` started tells its lead that it is tracked now. */
  announceImport(): void {
    if (!this.input.imported || this.input.carried || !patched(PATCHES.importedMail)) return;
    this.tell([importedMailing(this.tracker, now())]);
  }

  /** Sends each mailing without holding up the caller; a failure is recorded, never thrown. */
  private tell(mailings: EventMailing[]): void {
    for (const { audience, message, recipients } of mailings) {
      if (!recipients.length) continue;
      const event = message.kind === 'decision-update' ? message.data.event.kind : message.kind;
      this.tracker.recordTold(event, audience, recipients, now());
      this.sendAside({ key: this.tracker.nextMailKey(`${event}-${audience}`), message, recipients });
    }
  }

  private sendAside(mail: UnsentMail): void {
    this.outgoing.set(mail.key, mail);
    const context = mailContext(this.tracker, this.input.rehearsal);
    void sendOrRecord(context, mail.key, mail.message, mail.recipients).finally(() =>
      this.outgoing.delete(mail.key),
    );
  }

  /** What the last run had not finished sending when it handed over. */
  resendCarried(): void {
    for (const mail of this.input.carried?.unsent ?? []) this.sendAside(mail);
  }

  async mailSent(): Promise<void> {
    await condition(() => this.outgoing.size === 0);
  }

  protected override changed(): void {
    super.changed();
    this.index.sync();
  }

  async loadRoster(): Promise<void> {
    const loaded = await loadRoster(this.input);
    this.tracker.roster = new Roster(loaded.roster);
    this.tracker.policy = this.input.policy ?? loaded.policy;
    this.rosterReady = true;
    if (!this.input.carried) upsertMemo(memoOf(this.tracker));
    this.index.sync();
  }

  /** Sends what is due, then sleeps until the next thing is due or a handler changes the plan. */
  async followTheClock(): Promise<void> {
    const { tracker } = this;
    while (!tracker.closed && !this.timeToHandOver()) {
      const action = tracker.dueAction(Date.now());
      if (action) {
        await perform(tracker, action, this.input.rehearsal);
        this.handled += 1;
        this.index.sync();
        continue;
      }
      await this.sleep(tracker.nextWakeAt(Date.now()), () => tracker.closed);
    }
  }

  carried(): CarriedDecisionInput {
    const { state, roster, policy } = this.tracker;
    const unsent = [...this.outgoing.values()];
    return { state, roster: roster.data, policy, runs: this.run, ...(unsent.length ? { unsent } : {}) };
  }
}

function parseInput(raw: DecisionTrackingInput): DecisionTrackingParams {
  const parsed = DecisionTrackingInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = issueLines(parsed.error.issues, 'input');
  throw ApplicationFailure.nonRetryable(
    `the decision cannot be tracked: ${problems.join('; ')}`,
    'InvalidDecision',
  );
}

const now = () => new Date().toISOString();

/** Markers of the rules that changed what a decision sends; older histories replay without them. */
const PATCHES = {
  eventMail: 'decision-event-mail',
  importedMail: 'decision-imported-mail',
  claimReminders: 'pending-claim-reminders',
} as const;

/** Before the first roster is loaded: the status query answers, with organization ids for names. */
const NOBODY_YET: DecisionRoster = {
  organizations: [],
  committee: [],
  organizers: [],
  knownOrganizationIds: [],
};

/** Who is who, fresh from the directory and the committee file at each run; the carried roster if that fails. */
async function loadRoster(input: DecisionTrackingParams): Promise<LoadedDecisionRoster> {
  const state = input.carried?.state;
  const organizationIds = state
    ? [...new Set([state.lead, ...state.responsible, ...state.responses.map((r) => r.organization)])]
    : [input.decision.leadOrganization, ...input.decision.responsibleOrganizations];
  try {
    return await people.loadDecisionRoster({ organizationIds, organizers: input.organizers });
  } catch (err) {
    if (!input.carried) throw err;
    log.warn('could not refresh the roster; keeping the one carried over', { error: String(err) });
    return { roster: input.carried.roster, policy: input.carried.policy };
  }
}

/** A new lead's focal points, loaded before the reassignment so that the roster can name them. */
async function addOrganizations(
  tracker: DecisionTracker,
  input: DecisionTrackingParams,
  ids: string[],
): Promise<void> {
  if (!ids.length) return;
  const loaded = await people.loadDecisionRoster({ organizationIds: ids, organizers: input.organizers });
  const roster: DecisionRoster = {
    ...tracker.roster.data,
    organizations: [...tracker.roster.data.organizations, ...loaded.roster.organizations],
  };
  tracker.roster = new Roster(roster);
}

/** Records the action first (so a handler reading the state sees it), then sends its message. */
async function perform(tracker: DecisionTracker, action: DueAction, rehearsal: boolean): Promise<void> {
  const at = now();
  tracker.record(action, at);
  if (action.kind === 'escalation') countEscalation('decision', action.step + 1);
  const message = messageForAction(tracker, action, at);
  const key = tracker.nextMailKey(
    action.kind === 'escalation' ? `escalation-${action.step + 1}` : action.kind,
  );
  try {
    await send(mailContext(tracker, rehearsal), key, message, action.recipients);
  } catch (err) {
    // Mail that cannot go after every retry is recorded; the decision goes on being tracked.
    tracker.recordMailFailures([
      { at: now(), kind: message.kind, subject: key, recipient: '(all)', serverReply: String(err) },
    ]);
  }
}

function mailContext(tracker: DecisionTracker, rehearsal: boolean): MailContext {
  const { spec } = tracker.state;
  return {
    meetingZone: spec.meetingTimeZone,
    rehearsal,
    organizers: tracker.roster.data.organizers,
    failures: tracker.state.mailFailures,
    edition: { number: editionNumber(spec.edition), title: spec.meetingTitle },
  };
}

function memoOf(tracker: DecisionTracker): Record<string, string> {
  const { spec } = tracker.state;
  const memo = {
    ref: spec.ref,
    edition: spec.edition,
    title: tracker.title,
    meetingTitle: spec.meetingTitle,
  };
  // Only a Council request has a source; every other decision's memo (and history) stays as it was.
  return spec.source ? { ...memo, source: decisionSourceLabel(spec.source) } : memo;
}

/**
 * Keeps the search attributes current, writing only when something listed has changed; counts each
 * status the decision enters (a run that continues a decision does not count its status again).
 */
class SearchIndex {
  private written = '';

  constructor(
    private readonly tracker: DecisionTracker,
    private readonly rehearsal: boolean,
    private counted: string | undefined,
  ) {}

  sync(): void {
    const { status, dueDate, lead, responsible, spec } = this.tracker.state;
    if (status !== this.counted) countDecisionStatus(status);
    this.counted = status;
    const signature = JSON.stringify([status, dueDate, lead, responsible]);
    if (signature === this.written) return;
    this.written = signature;
    upsertSearchAttributes([
      { key: searchAttributes.DecisionStatus, value: status },
      { key: searchAttributes.DecisionDueDate, value: new Date(dueDate) },
      { key: searchAttributes.LeadOrganization, value: lead },
      { key: searchAttributes.ResponsibleOrganizations, value: responsible.length ? responsible : null },
      { key: searchAttributes.DecisionArea, value: spec.area },
      { key: searchAttributes.MeetingEdition, value: spec.edition },
      { key: searchAttributes.Rehearsal, value: this.rehearsal },
    ]);
  }
}
