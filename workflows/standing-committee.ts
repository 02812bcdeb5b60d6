/**
 * The standing committee (`standing-committee`): one workflow that lives for ever, a run per review
 * period. Each period it builds the implementation digest from visibility, proposes a fair slot for
 * a review meeting and mails the digest to every member in their zone. The rules are in
 * domain/standing-committee.ts.
 *
 *   proposeIdea      member: an idea for the next meeting
 *   scheduleReview   chair or organizer: the next review (and digest) at a given time
 *   moveReviewMeeting    chair or organizer: the review meeting to another time (invitation updated)
 *   cancelReviewMeeting  chair or organizer: the review meeting cancelled (calendar entry removed)
 *   sendDigestNow    member or organizer: the digest now, without waiting for the period
 *   newDecisions     signal from a cycle that recorded decisions (see `announceDecisions`)
 *   status (query)   ideas, digests sent, the next review
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { MessageInput } from '../domain/messages';
import type { CommitteeActivities, LoadedCommitteeRoster } from '../activities/committee';
import {
  CancelReviewRequest,
  CommitteePolicy,
  DigestRequest,
  digestMessage,
  latestEdition,
  ProposeIdeaRequest,
  ScheduleReviewRequest,
  type Digest,
  type Idea,
  NewDecisions,
} from '../domain/committee';
import { parsePayload } from '../domain/rejection';
import {
  CommitteeState,
  StandingCommittee,
  type DigestRecord,
  type ReviewChange,
  type ReviewMeeting,
  type ReviewMeetingReceipt,
  type ReviewSlot,
} from '../domain/standing-committee';
import {
  cancelReviewMeetingUpdate,
  committeeStatusQuery,
  moveReviewMeetingUpdate,
  newDecisionsSignal,
  proposeIdeaUpdate,
  scheduleReviewUpdate,
  sendDigestNowUpdate,
  type CommitteeStatus,
  type StandingCommitteeInput,
  type StandingCommitteeWorkflow,
} from './definitions/standing-committee';
import { send } from './mail';
import { OneAtATime } from './lock';
import { onSignal } from './signals';
import { Session } from './session';

standingCommittee satisfies StandingCommitteeWorkflow;

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

const DEFAULT_MAX_EVENTS_PER_RUN = 500;

export async function standingCommittee(input: StandingCommitteeInput = {}): Promise<void> {
  const session = new CommitteeSession(input);
  setHandler(committeeStatusQuery, () => session.status());
  session.wire(proposeIdeaUpdate, {
    payload: (r) => parsePayload(ProposeIdeaRequest, r, 'the idea'),
    check: (r) => session.committee.checkIdea(r),
    apply: (r) => session.committee.proposeIdea(r, now(), uuid4),
  });
  session.wire(scheduleReviewUpdate, {
    payload: (r) => parsePayload(ScheduleReviewRequest, r, 'the review date'),
    check: (r) => session.committee.checkScheduleReview(r, now()),
    apply: (r) => session.committee.scheduleReview(r, now()),
  });
  // With no review meeting ahead, the validators refuse a move or a cancellation; the handlers are
  // as before (they answer "nothing changed" should the meeting be gone by the time they run).
  session.wire(moveReviewMeetingUpdate, {
    payload: (r) => {
      const request = parsePayload(ScheduleReviewRequest, r, 'the review date');
      session.committee.requirePendingReview(now(), 'refusal.committee.noReviewToMove');
      return request;
    },
    check: (r) => session.committee.checkMoveReview(r, now()),
    apply: (r) => session.moveReview(session.committee.checkScheduleReview(r, now()).at),
  });
  session.wire(cancelReviewMeetingUpdate, {
    payload: (r) => {
      const request = parsePayload(CancelReviewRequest, r, 'the cancellation');
      session.committee.requirePendingReview(now(), 'refusal.committee.noReviewToCancel');
      return request;
    },
    check: (r) => session.committee.checkCancelReview(r, now()),
    apply: (r) => session.cancelReview(session.committee.checkCancelRequest(r).as),
  });
  session.wire(sendDigestNowUpdate, {
    payload: (r) => parsePayload(DigestRequest, r, 'the digest request'),
    check: (r) => session.committee.checkDigestRequest(r),
    apply: (r) => session.digest(session.committee.checkDigestRequest(r).as),
  });
  onSignal(newDecisionsSignal, NewDecisions, (announcement) => session.announce(announcement));

  await session.loadRoster();
  await session.waitForThePeriod(); // then the periodic digest, unless it is time to hand over first
  await condition(allHandlersFinished);
  return continueAsNew<typeof standingCommittee>({ ...input, carried: session.carried() });
}

/** One run (one review period) of the committee. */
class CommitteeSession extends Session {
  readonly committee: StandingCommittee;
  private readonly explicitPolicy?: CommitteePolicy;
  /** One digest at a time, whether the period or a member asks for it. */
  private readonly digests = new OneAtATime();

  constructor(private readonly input: StandingCommitteeInput) {
    super(input.carried, input.maxEventsPerRun ?? DEFAULT_MAX_EVENTS_PER_RUN);
    this.explicitPolicy = input.policy ? CommitteePolicy.parse(input.policy) : undefined;
    this.committee = new StandingCommittee(
      input.carried ? CommitteeState.parse(input.carried.state) : StandingCommittee.initial(now()),
      input.carried?.roster ?? { members: [], organizers: [], homeTimeZone: 'America/New_York' },
      this.explicitPolicy ?? input.carried?.policy ?? CommitteePolicy.parse({}),
    );
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

  announce(announcement: NewDecisions): void {
    this.committee.announce(announcement, now());
    this.handled += 1;
  }

  digest(requestedBy?: string): Promise<DigestRecord> {
    return this.digests.run(() => sendDigest(this.committee, requestedBy));
  }

  /** The chair's time for the review meeting; the members' entry moves (or, with none, is made). */
  moveReview(at: string): Promise<ReviewMeetingReceipt> {
    return this.digests.run(async () => {
      const { committee } = this;
      const pending = committee.pendingReview(now());
      // Without a review meeting there is no entry to move, nor a meeting to speak for.
      if (!pending) return { meeting: null, changed: false };
      const slot = await visibility.proposeReviewSlot({
        fromIso: now(),
        atIso: at,
        pastInconvenienced: committee.pastReviewBurden(),
      });
      const change = slot && committee.planReview(slot, now(), { id: pending.id, edition: pending.edition });
      if (change) await inviteToReview(committee, change);
      return { meeting: committee.state.reviewMeeting ?? null, changed: change !== null };
    });
  }

  cancelReview(as: string): Promise<ReviewMeetingReceipt> {
    return this.digests.run(async () => {
      const cancelled = this.committee.cancelReview(now());
      if (cancelled) {
        log.info('review meeting cancelled', { id: cancelled.id, by: as });
        await tellReviewCancelled(this.committee, cancelled);
      }
      return { meeting: cancelled, changed: cancelled !== null };
    });
  }

  async loadRoster(): Promise<void> {
    const loaded = await loadRoster(this.input);
    this.committee.committee = loaded.roster;
    this.committee.policy = this.explicitPolicy ?? loaded.policy;
    this.rosterReady = true;
  }

  async waitForThePeriod(): Promise<void> {
    while (!this.timeToHandOver()) {
      const dueAt = this.committee.nextDigestAt();
      if (dueAt - Date.now() <= 0) {
        await this.digest();
        return;
      }
      await this.sleep(dueAt, () => false);
    }
  }

  carried(): NonNullable<StandingCommitteeInput['carried']> {
    const { state, committee, policy } = this.committee;
    return { state, roster: committee, policy, runs: this.run };
  }
}

const now = () => new Date().toISOString();

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
  // Committees from before the review meeting's updates proposed a new one with every digest (and
  // invited to it as a new entry); they replay that way.
  const follows = patched(REVIEW_UPDATES);
  const pending = follows ? slotOf(committee.pendingReview(now())) : null;
  // A digest asked for between periods shows the review meeting the members already have; so does
  // one that finds no new slot.
  const showsPending = Boolean(requestedBy && pending);
  // Committees from before the rotation by meetings held counted every slot proposed (the one
  // still ahead too); they replay that way.
  const rotates = !showsPending && follows && patched(REVIEW_ROTATION);
  const burden = rotates ? committee.reviewBurden(now()) : committee.pastReviewBurden();
  const slot = showsPending ? pending : ((await proposeSlot(burden)) ?? pending);
  const record = committee.recordDigest(digest, slot, requestedBy);
  // Committees from before the review's invitation mailed the digest alone; they replay that way.
  const invites = slot !== null && patched(REVIEW_INVITATION);
  const edition = latestEdition(listedIn(digest));
  if (!follows) {
    await mailDigest(committee, digest, invites ? slot : null);
    if (invites) await inviteToReview(committee, { meeting: firstInvitation(slot, edition) });
    return record;
  }
  // A new period's slot moves a review meeting still ahead rather than adding a second one.
  const change = invites ? committee.planReview(slot, now(), { id: reviewId(slot), edition }, rotates) : null;
  await mailDigest(committee, digest, invites ? slot : null);
  if (change) await inviteToReview(committee, change);
  return record;
}

const REVIEW_INVITATION = 'committee-review-invitation';
const REVIEW_UPDATES = 'committee-review-updates';
const REVIEW_ROTATION = 'committee-review-rotation';

function slotOf(meeting: ReviewMeeting | undefined): ReviewSlot | null {
  return meeting ? { start: meeting.start, end: meeting.end, inconvenienced: meeting.inconvenienced } : null;
}

/** One entry per review, named by its first slot; it keeps that name when it moves. */
function reviewId(slot: ReviewSlot): string {
  return `${workflowInfo().workflowId}-review-${slot.start.replace(/[^0-9A-Za-z]/g, '')}`;
}

/** The invitation as committees before the review meeting's updates sent it: a new entry, SEQUENCE 0. */
function firstInvitation(slot: ReviewSlot, edition: ReviewMeeting['edition']): ReviewMeeting {
  return { ...slot, id: reviewId(slot), sequence: 0, edition };
}

/** Members outside their working hours at the slot, by name and organization. */
function namesOf(committee: StandingCommittee, emails: readonly string[]): string[] {
  return emails.map((email) => {
    const m = committee.committee.members.find((p) => p.email === email);
    return m ? `${m.name} (${m.organization.toUpperCase()})` : email;
  });
}

/**
 * Every member gets the review meeting as a calendar entry of its own; when it moves, the same
 * entry again with the next SEQUENCE, and where it was before.
 */
async function inviteToReview(committee: StandingCommittee, change: ReviewChange): Promise<void> {
  const { meeting, previous } = change;
  const message: MessageInput = {
    kind: 'committee-review-invitation',
    data: {
      ...reviewCommon(committee, meeting),
      review: { id: meeting.id, inconvenienced: namesOf(committee, meeting.inconvenienced) },
      ...(previous ? { previous: { start: previous.start, end: previous.end } } : {}),
    },
  };
  await mailMembers(committee, committee.nextMailKey('review'), message, meeting.edition, {
    sequence: meeting.sequence,
  });
}

/** The cancellation: the same entry, METHOD:CANCEL, with the next SEQUENCE. */
async function tellReviewCancelled(committee: StandingCommittee, meeting: ReviewMeeting): Promise<void> {
  const message: MessageInput = {
    kind: 'committee-review-cancelled',
    data: { ...reviewCommon(committee, meeting), review: { id: meeting.id } },
  };
  await mailMembers(committee, committee.nextMailKey('review-cancelled'), message, meeting.edition, {
    sequence: meeting.sequence,
  });
}

function reviewCommon(committee: StandingCommittee, meeting: ReviewMeeting) {
  const organizer = committee.committee.organizers[0]!;
  return {
    edition: meeting.edition,
    contact: { name: organizer.name, email: organizer.email },
    meeting: {
      // What readers see is the catalog's title for a review; this names it in the data.
      title: 'standing committee review',
      start: meeting.start,
      end: meeting.end,
      venue: committee.policy.reviewMeeting.venue,
    },
  };
}

async function proposeSlot(pastInconvenienced: string[][]): Promise<ReviewSlot | null> {
  try {
    return await visibility.proposeReviewSlot({ fromIso: now(), pastInconvenienced });
  } catch (err) {
    log.warn('no review slot could be proposed', { error: String(err) });
    return null;
  }
}

async function mailDigest(
  committee: StandingCommittee,
  digest: Digest,
  slot: ReviewSlot | null,
): Promise<void> {
  const edition = latestEdition(listedIn(digest));
  const organizer = committee.committee.organizers[0]!;
  const message = digestMessage(digest, {
    edition,
    contact: { name: organizer.name, email: organizer.email },
    ...(slot ? { reviewMeeting: { ...slot, inconvenienced: namesOf(committee, slot.inconvenienced) } } : {}),
  });
  await mailMembers(committee, committee.nextMailKey('digest'), message, edition);
}

/** The decisions a digest lists, in its sections' order. */
function listedIn(digest: Digest) {
  return [
    ...digest.overdue,
    ...digest.stalled,
    ...digest.dueSoon,
    ...digest.awaitingVerification,
    ...digest.verifiedSince,
  ];
}

/** Mails every member; a failure is recorded in the status, and the committee goes on. */
async function mailMembers(
  committee: StandingCommittee,
  key: string,
  message: MessageInput,
  edition: { number: number; title: string },
  ics?: { sequence: number },
): Promise<void> {
  const context = {
    meetingZone: committee.committee.homeTimeZone,
    rehearsal: false,
    organizers: committee.committee.organizers,
    failures: committee.state.mailFailures,
    edition,
  };
  try {
    await send(context, key, message, committee.committee.members, ics);
  } catch (err) {
    committee.state.mailFailures.push({
      at: now(),
      kind: message.kind,
      subject: key,
      recipient: '(all members)',
      serverReply: String(err),
    });
  }
}
