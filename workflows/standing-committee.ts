/**
 * The standing committee (`standing-committee`): one workflow that lives for ever, a run per review
 * period. Each period it builds the implementation digest from visibility, proposes a fair slot for
 * a review meeting and mails the digest to every member in their zone. The rules are in
 * domain/standing-committee.ts.
 *
 *   proposeIdea      member: an idea for the next meeting
 *   scheduleReview   chair or organizer: the next review (and digest) at a given time
 *   sendDigestNow    member or organizer: the digest now, without waiting for the period
 *   newDecisions     signal from a cycle that recorded decisions (see `announceDecisions`)
 *   status (query)   ideas, digests sent, the next review
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  defineQuery,
  defineSignal,
  defineUpdate,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { CommitteeActivities, LoadedCommitteeRoster } from '../activities/committee';
import {
  CommitteePolicy,
  DigestRequest,
  digestMessage,
  latestEdition,
  ProposeIdeaRequest,
  ScheduleReviewRequest,
  type CommitteePolicyInput,
  type Digest,
  type Idea,
  type NewDecisions,
} from '../domain/committee';
import { parsePayload, RejectedAction } from '../domain/rejection';
import {
  CommitteeState,
  StandingCommittee,
  type CommitteeRoster,
  type DigestRecord,
  type IdeaReceipt,
  type ReviewSlot,
} from '../domain/standing-committee';
import { send } from './mail';

export const newDecisionsSignal = defineSignal<[NewDecisions]>('newDecisions');
export const proposeIdeaUpdate = defineUpdate<IdeaReceipt, [ProposeIdeaRequest]>('proposeIdea');
export const scheduleReviewUpdate = defineUpdate<{ nextReviewAt: string }, [ScheduleReviewRequest]>(
  'scheduleReview',
);
export const sendDigestNowUpdate = defineUpdate<DigestRecord, [DigestRequest]>('sendDigestNow');
export const committeeStatusQuery = defineQuery<CommitteeStatus>('status');

type UpdateOf<T, R> = ReturnType<typeof defineUpdate<T, [R]>>;

export interface StandingCommitteeInput {
  /** Absent: the worker's configuration decides (CONVENE_COMMITTEE_REVIEW_PERIOD and the file). */
  policy?: CommitteePolicyInput;
  /** Handled events per run before continue-as-new; tests lower it. */
  maxEventsPerRun?: number;
  /** Set by continue-as-new. */
  carried?: { state: CommitteeState; roster: CommitteeRoster; policy: CommitteePolicy; runs: number };
}

export interface CommitteeStatus extends CommitteeState {
  members: CommitteeRoster['members'];
  organizers: CommitteeRoster['organizers'];
  nextDigestAt: string;
  policy: CommitteePolicy;
  run: number;
}

const people = proxyLocalActivities<Pick<CommitteeActivities, 'loadCommitteeRoster'>>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});

const visibility = proxyActivities<Pick<CommitteeActivities, 'buildDigest' | 'proposeReviewSlot'>>({
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 20,
  },
});

const announcer = proxyActivities<Pick<CommitteeActivities, 'notifyCommitteeOfDecisions'>>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 30 },
});

/**
 * For a cycle's recordOutcome: tells the committee of new decisions, starting it if it is not
 * running (signal-with-start, through an activity, since a workflow cannot signal-with-start).
 */
export async function announceDecisions(announcement: NewDecisions): Promise<void> {
  await announcer.notifyCommitteeOfDecisions(announcement);
}

const DEFAULT_MAX_EVENTS_PER_RUN = 500;

export async function standingCommittee(input: StandingCommitteeInput = {}): Promise<void> {
  const session = new CommitteeSession(input);
  setHandler(committeeStatusQuery, () => session.status());
  session.wire(proposeIdeaUpdate, {
    payload: (r) => parsePayload(ProposeIdeaRequest, r, 'the idea'),
    check: (c, r) => c.checkIdea(r),
    apply: (c, r) => c.proposeIdea(r, now(), uuid4),
  });
  session.wire(scheduleReviewUpdate, {
    payload: (r) => parsePayload(ScheduleReviewRequest, r, 'the review date'),
    check: (c, r) => c.checkScheduleReview(r, now()),
    apply: (c, r) => c.scheduleReview(r, now()),
  });
  session.wire(sendDigestNowUpdate, {
    payload: (r) => parsePayload(DigestRequest, r, 'the digest request'),
    check: (c, r) => c.checkDigestRequest(r),
    apply: (c, r) => session.digest(c.checkDigestRequest(r).as),
  });
  setHandler(newDecisionsSignal, (announcement) => session.announce(announcement));

  await session.loadRoster();
  await session.waitForThePeriod(); // then the periodic digest, unless it is time to hand over first
  await condition(allHandlersFinished);
  return continueAsNew<typeof standingCommittee>({ ...input, carried: session.carried() });
}

interface UpdateWiring<R, T> {
  /** What a validator can check before the roster is loaded. */
  payload(r: R): unknown;
  check(committee: StandingCommittee, r: R): unknown;
  apply(committee: StandingCommittee, r: R): T | Promise<T>;
}

/** One run (one review period) of the committee. */
class CommitteeSession {
  readonly committee: StandingCommittee;
  private readonly run: number;
  private readonly explicitPolicy?: CommitteePolicy;
  private handled = 0;
  private version = 0;
  private rosterReady: boolean;
  /** One digest at a time, whether the period or a member asks for it. */
  private readonly digests = new OneAtATime();

  constructor(private readonly input: StandingCommitteeInput) {
    this.run = (input.carried?.runs ?? 0) + 1;
    this.explicitPolicy = input.policy ? CommitteePolicy.parse(input.policy) : undefined;
    this.committee = new StandingCommittee(
      input.carried ? CommitteeState.parse(input.carried.state) : StandingCommittee.initial(now()),
      input.carried?.roster ?? { members: [], organizers: [], homeTimeZone: 'America/New_York' },
      this.explicitPolicy ?? input.carried?.policy ?? CommitteePolicy.parse({}),
    );
    this.rosterReady = Boolean(input.carried);
  }

  status(): CommitteeStatus {
    const { committee } = this;
    return {
      ...committee.state,
      members: committee.committee.members,
      organizers: committee.committee.organizers,
      nextDigestAt: new Date(committee.nextDigestAt()).toISOString(),
      policy: committee.policy,
      run: this.run,
    };
  }

  /** As in decision-tracking.ts: handlers at once; before the roster, validators check the payload only. */
  wire<R, T>(update: UpdateOf<T, R>, wiring: UpdateWiring<R, T>): void {
    const validator = (r: R) =>
      void asCallerFailure(() => (this.rosterReady ? wiring.check(this.committee, r) : wiring.payload(r)));
    const handler = async (r: R) => {
      if (!this.rosterReady) await condition(() => this.rosterReady);
      const result = asCallerFailure(() => wiring.apply(this.committee, r));
      this.handled += 1;
      this.version += 1;
      return result;
    };
    setHandler(update, handler, { validator });
  }

  announce(announcement: NewDecisions): void {
    this.committee.announce(announcement, now());
    this.handled += 1;
  }

  digest(requestedBy?: string): Promise<DigestRecord> {
    return this.digests.run(() => sendDigest(this.committee, requestedBy));
  }

  async loadRoster(): Promise<void> {
    const loaded = await loadRoster(this.input);
    this.committee.committee = loaded.roster;
    this.committee.policy = this.explicitPolicy ?? loaded.policy;
    this.rosterReady = true;
  }

  async waitForThePeriod(): Promise<void> {
    while (!this.timeToHandOver()) {
      const seen = this.version;
      const dueIn = this.committee.nextDigestAt() - Date.now();
      if (dueIn <= 0) {
        await this.digest();
        return;
      }
      await condition(() => this.version !== seen || this.timeToHandOver(), dueIn);
    }
  }

  private timeToHandOver(): boolean {
    const max = this.input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN;
    return this.handled >= max || workflowInfo().continueAsNewSuggested;
  }

  carried(): NonNullable<StandingCommitteeInput['carried']> {
    const { state, committee, policy } = this.committee;
    return { state, roster: committee, policy, runs: this.run };
  }
}

const now = () => new Date().toISOString();

/** A mutex for workflow code: callers wait their turn (deterministically, in arrival order). */
class OneAtATime {
  private busy = false;

  async run<T>(task: () => Promise<T>): Promise<T> {
    // Several waiters may be woken together: each checks again when it resumes.
    while (this.busy) await condition(() => !this.busy);
    this.busy = true;
    try {
      return await task();
    } finally {
      this.busy = false;
    }
  }
}

function asCallerFailure<T>(change: () => T): T {
  try {
    return change();
  } catch (err) {
    if (err instanceof RejectedAction) throw ApplicationFailure.nonRetryable(err.message, 'ActionRejected');
    throw err;
  }
}

async function loadRoster(input: StandingCommitteeInput): Promise<LoadedCommitteeRoster> {
  try {
    return await people.loadCommitteeRoster();
  } catch (err) {
    if (!input.carried) throw err;
    log.warn('could not refresh the committee roster; keeping the one carried over', { error: String(err) });
    return { roster: input.carried.roster, policy: input.carried.policy };
  }
}

/** Builds the digest from visibility, proposes a review slot and mails every member. */
async function sendDigest(committee: StandingCommittee, requestedBy?: string): Promise<DigestRecord> {
  const from = committee.state.lastDigestAt;
  const ideas: Idea[] = committee.ideasSince(from);
  const digest = await visibility.buildDigest({ from, to: now(), ideas });
  const slot = await proposeSlot();
  const record = committee.recordDigest(digest, slot, requestedBy);
  await mailDigest(committee, digest);
  return record;
}

async function proposeSlot(): Promise<ReviewSlot | null> {
  try {
    return await visibility.proposeReviewSlot({ fromIso: now() });
  } catch (err) {
    log.warn('no review slot could be proposed', { error: String(err) });
    return null;
  }
}

async function mailDigest(committee: StandingCommittee, digest: Digest): Promise<void> {
  const listed = [
    ...digest.overdue,
    ...digest.stalled,
    ...digest.dueSoon,
    ...digest.awaitingVerification,
    ...digest.verifiedSince,
  ];
  const organizer = committee.committee.organizers[0]!;
  const message = digestMessage(digest, {
    edition: latestEdition(listed),
    contact: { name: organizer.name, email: organizer.email },
  });
  const context = {
    meetingZone: committee.committee.homeTimeZone,
    rehearsal: false,
    organizers: committee.committee.organizers,
    failures: committee.state.mailFailures,
    edition: latestEdition(listed),
  };
  const key = committee.nextMailKey('digest');
  try {
    await send(context, key, message, committee.committee.members);
  } catch (err) {
    committee.state.mailFailures.push({
      at: now(),
      kind: 'committee-digest',
      subject: key,
      recipient: '(all members)',
      serverReply: String(err),
    });
  }
}
