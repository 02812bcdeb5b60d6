/**
 * The rules of the standing committee, as a plain class: who may propose ideas, schedule a review
 * or ask for the digest now; when the next digest is due; what it remembers between periods. The
 * workflow (workflows/standing-committee.ts) wires Updates, the signal and the timer to it.
 */
import { z } from 'zod';
import {
  CancelReviewRequest,
  CommitteePolicy,
  DigestRequest,
  Idea,
  NewDecisions,
  ProposeIdeaRequest,
  ScheduleReviewRequest,
  type Digest,
} from './committee';
import { DeliveryFailure } from './delivery';
import { addIsoDuration } from './duration';
import { listAddresses, Participant } from './people';
import { parsePayload, phrase, RejectedAction } from './rejection';
import { CommitteeMember, Roster } from './roster';

export const CommitteeRoster = z.object({
  members: z.array(CommitteeMember).min(1),
  organizers: z.array(Participant).min(1),
  /** The zone the digest's times are shown in besides each member's own (the UN's, New York). */
  homeTimeZone: z.string().min(1),
});
export type CommitteeRoster = z.infer<typeof CommitteeRoster>;

export const ReviewSlot = z.object({
  start: z.string(),
  end: z.string(),
  /** Members outside their working hours at that time, if any. */
  inconvenienced: z.array(z.string()),
});
export type ReviewSlot = z.infer<typeof ReviewSlot>;

/**
 * The review meeting the members hold in their calendars: one calendar entry (`id`) for its whole
 * life, its SEQUENCE raised each time it moves and once more when it is cancelled.
 */
export const ReviewMeeting = ReviewSlot.extend({
  id: z.string(),
  sequence: z.number(),
  /** The meeting the invitation speaks for (its subject, its links). */
  edition: z.object({ number: z.number(), title: z.string() }),
  cancelledAt: z.string().optional(),
});
export type ReviewMeeting = z.infer<typeof ReviewMeeting>;

/** What a move or a cancellation did: the meeting as it now stands, and whether members were told. */
export interface ReviewMeetingReceipt {
  meeting: ReviewMeeting | null;
  changed: boolean;
}

/** A change to send: the meeting as invited now, and where it was before if it moved. */
export interface ReviewChange {
  meeting: ReviewMeeting;
  previous?: ReviewSlot;
}

export const DigestRecord = z.object({
  at: z.string(),
  period: z.object({ from: z.string(), to: z.string() }),
  counts: z.record(z.string(), z.number()),
  recipients: z.array(z.string()),
  reviewSlot: ReviewSlot.nullable(),
  requestedBy: z.string().optional(),
});
export type DigestRecord = z.infer<typeof DigestRecord>;

export const CommitteeState = z.object({
  ideas: z.array(Idea),
  /** The end of the last digest's period: the next digest reports from here. */
  lastDigestAt: z.string(),
  /** A review the chair or the organizers set; it replaces the next periodic digest. */
  scheduledReviewAt: z.string().optional(),
  digests: z.array(DigestRecord),
  /** The last review meeting the members were invited to (committees from before have none). */
  reviewMeeting: ReviewMeeting.optional(),
  /**
   * Review meetings held before `reviewMeeting`, at the slot they were held at, oldest first: whose
   * unsocial hours the next slot rotates away from. Committees from before keep none yet.
   */
  pastReviews: z.array(ReviewSlot).optional(),
  announcements: z.array(
    z.object({
      edition: z.string(),
      refs: z.array(z.string()),
      at: z.string(),
      meetingEnd: z.string().optional(),
    }),
  ),
  mailSequence: z.number(),
  mailFailures: z.array(DeliveryFailure),
});
export type CommitteeState = z.infer<typeof CommitteeState>;

/** Digests and announcements kept in the state; older ones live in the history of earlier runs. */
const KEEP_DIGESTS = 12;
const KEEP_ANNOUNCEMENTS = 100;
/** Review meetings held, kept for the rotation of unsocial hours: three years of quarterly reviews. */
const KEEP_PAST_REVIEWS = 12;

export interface IdeaReceipt {
  id: string;
  at: string;
  duplicate: boolean;
}

export class StandingCommittee {
  constructor(
    readonly state: CommitteeState,
    /** Replaced when the workflow has loaded a fresh roster. */
    public committee: CommitteeRoster,
    public policy: CommitteePolicy,
  ) {}

  get roster(): Roster {
    return new Roster({
      organizations: [],
      committee: this.committee.members,
      organizers: this.committee.organizers,
      knownOrganizationIds: [],
    });
  }

  /**
   * Who was outside working hours at each review proposed so far, oldest first: the burden as
   * committees before patch 'committee-review-rotation' counted it (a slot shown again, a meeting
   * moved or cancelled, and the one still ahead counted as proposed).
   */
  pastReviewBurden(): string[][] {
    return this.state.digests.flatMap((d) => (d.reviewSlot ? [d.reviewSlot.inconvenienced] : []));
  }

  /** Whose unsocial hours the next review slot rotates away from: see `reviewBurdenOf`. */
  reviewBurden(now: string): string[][] {
    return reviewBurdenOf(this.state, now);
  }

  static initial(now: string): CommitteeState {
    return {
      ideas: [],
      lastDigestAt: now,
      digests: [],
      pastReviews: [],
      announcements: [],
      mailSequence: 0,
      mailFailures: [],
    };
  }

  checkIdea(raw: unknown): z.output<typeof ProposeIdeaRequest> {
    const request = parsePayload(ProposeIdeaRequest, raw, 'the idea');
    this.roster.requireMember(request.as, phrase('refusal.action.proposeIdeas'));
    const earlier = request.ideaId && this.state.ideas.find((i) => i.id === request.ideaId);
    if (earlier && earlier.proposedBy !== request.as) {
      throw new RejectedAction('duplicate', 'refusal.committee.ideaIdUsed', {
        ideaId: request.ideaId!,
        by: earlier.proposedBy,
      });
    }
    return request;
  }

  proposeIdea(raw: unknown, now: string, newId: () => string): IdeaReceipt {
    const request = this.checkIdea(raw);
    const earlier = request.ideaId && this.state.ideas.find((i) => i.id === request.ideaId);
    if (earlier) return { id: earlier.id, at: earlier.proposedAt, duplicate: true };
    const member = this.roster.member(request.as)!;
    const id = request.ideaId ?? newId();
    this.state.ideas.push({
      id,
      title: request.title ?? firstLine(request.text),
      text: request.text,
      proposedBy: member.email,
      proposedByName: member.name,
      organization: member.organization,
      proposedAt: now,
    });
    return { id, at: now, duplicate: false };
  }

  checkScheduleReview(raw: unknown, now: string): z.output<typeof ScheduleReviewRequest> {
    const request = parsePayload(ScheduleReviewRequest, raw, 'the review date');
    this.requireChairOrOrganizer(request.as);
    if (Date.parse(request.at) <= Date.parse(now)) {
      throw new RejectedAction('too-late', 'refusal.committee.reviewInPast', { at: request.at, now });
    }
    return request;
  }

  /** Moving or cancelling the review meeting is scheduling it: the same people may. */
  private requireChairOrOrganizer(as: string): void {
    const isChair = this.roster.chairs().some((c) => c.email === as && c.chair);
    if (!isChair && !this.roster.isOrganizer(as)) {
      const people = [...this.committee.members.filter((m) => m.chair), ...this.committee.organizers];
      throw new RejectedAction('wrong-actor', 'refusal.committee.onlyChairSchedules', {
        people: listAddresses(people),
        you: as,
      });
    }
  }

  /** Moving the review meeting: who may schedule it, to a time ahead, and a meeting to move. */
  checkMoveReview(raw: unknown, now: string): z.output<typeof ScheduleReviewRequest> {
    const request = this.checkScheduleReview(raw, now);
    this.requirePendingReview(now, 'refusal.committee.noReviewToMove');
    return request;
  }

  /** Who may cancel the review meeting: who may schedule it. */
  checkCancelRequest(raw: unknown): z.output<typeof CancelReviewRequest> {
    const request = parsePayload(CancelReviewRequest, raw, 'the cancellation');
    this.requireChairOrOrganizer(request.as);
    return request;
  }

  /** Cancelling the review meeting: who may, and a meeting to cancel. */
  checkCancelReview(raw: unknown, now: string): z.output<typeof CancelReviewRequest> {
    const request = this.checkCancelRequest(raw);
    this.requirePendingReview(now, 'refusal.committee.noReviewToCancel');
    return request;
  }

  /**
   * A move or a cancellation needs a review meeting ahead in the members' calendars. The state says
   * so before the roster is loaded, so a validator can refuse it then too.
   */
  requirePendingReview(
    now: string,
    key: 'refusal.committee.noReviewToMove' | 'refusal.committee.noReviewToCancel',
  ): void {
    if (!this.pendingReview(now)) throw new RejectedAction('not-found', key);
  }

  /** The review meeting in the members' calendars, while it is ahead and not cancelled. */
  pendingReview(now: string): ReviewMeeting | undefined {
    const meeting = this.state.reviewMeeting;
    return meeting && !meeting.cancelledAt && Date.parse(meeting.start) > Date.parse(now)
      ? meeting
      : undefined;
  }

  /**
   * A slot for the review meeting: the pending meeting moves to it (same entry, next SEQUENCE), or,
   * with none pending, a new meeting is invited. The slot the members already have changes nothing.
   */
  planReview(
    slot: ReviewSlot,
    now: string,
    fresh: { id: string; edition: ReviewMeeting['edition'] },
    /** Keep the meeting a new one follows, if it was held, for the rotation (see `reviewBurden`). */
    keepsHeld = false,
  ): ReviewChange | null {
    const pending = this.pendingReview(now);
    const { start, end, inconvenienced } = slot;
    if (pending && pending.start === start && pending.end === end) return null;
    if (keepsHeld && !pending) this.keepHeldReview(now, slot);
    // A new entry never reuses a cancelled one's UID: calendars ignore a lower SEQUENCE for it.
    const id =
      fresh.id === this.state.reviewMeeting?.id ? `${fresh.id}-${this.state.mailSequence}` : fresh.id;
    const meeting: ReviewMeeting = pending
      ? { ...pending, start, end, inconvenienced, sequence: pending.sequence + 1 }
      : { id, start, end, inconvenienced, sequence: 0, edition: fresh.edition };
    this.state.reviewMeeting = meeting;
    return pending
      ? {
          meeting,
          previous: { start: pending.start, end: pending.end, inconvenienced: pending.inconvenienced },
        }
      : { meeting };
  }

  /** The last meeting, before `planned` takes its place: kept if it was held. */
  private keepHeldReview(now: string, planned: ReviewSlot): void {
    const last = this.state.reviewMeeting;
    const kept = [...(this.state.pastReviews ?? proposedBefore(this.state, [last, planned]))];
    if (last && isHeld(last, now))
      kept.push({ start: last.start, end: last.end, inconvenienced: last.inconvenienced });
    this.state.pastReviews = kept.slice(-KEEP_PAST_REVIEWS);
  }

  /** Cancels the pending review meeting; none pending (or cancelled already) changes nothing. */
  cancelReview(now: string): ReviewMeeting | null {
    const pending = this.pendingReview(now);
    if (!pending) return null;
    const cancelled = { ...pending, sequence: pending.sequence + 1, cancelledAt: now };
    this.state.reviewMeeting = cancelled;
    return cancelled;
  }

  scheduleReview(raw: unknown, now: string): { nextReviewAt: string } {
    const request = this.checkScheduleReview(raw, now);
    this.state.scheduledReviewAt = new Date(Date.parse(request.at)).toISOString();
    return { nextReviewAt: this.state.scheduledReviewAt };
  }

  checkDigestRequest(raw: unknown): z.output<typeof DigestRequest> {
    const request = parsePayload(DigestRequest, raw, 'the digest request');
    this.roster.requireMemberOrOrganizer(request.as, phrase('refusal.action.askDigest'));
    return request;
  }

  /** A cycle recorded decisions; the same announcement twice (a retried signal) is kept once. */
  announce(raw: unknown, now: string): void {
    const parsed = NewDecisions.safeParse(raw);
    if (!parsed.success) return; // a malformed signal is dropped: signals have no caller to answer
    const { edition, refs, meetingEnd, ideasTakenUp = [] } = parsed.data;
    const seen = this.state.announcements.some(
      (a) => a.edition === edition && a.refs.join(',') === refs.join(','),
    );
    if (seen) return;
    for (const idea of this.state.ideas)
      if (ideasTakenUp.includes(idea.id) && !idea.takenUpBy) idea.takenUpBy = { edition, at: now };
    this.state.announcements.push({ edition, refs, at: now, ...(meetingEnd ? { meetingEnd } : {}) });
    this.state.announcements.splice(0, Math.max(0, this.state.announcements.length - KEEP_ANNOUNCEMENTS));
  }

  nextDigestAt(): number {
    return this.state.scheduledReviewAt
      ? Date.parse(this.state.scheduledReviewAt)
      : addIsoDuration(Date.parse(this.state.lastDigestAt), this.policy.reviewPeriod);
  }

  recordDigest(digest: Digest, slot: ReviewSlot | null, requestedBy?: string): DigestRecord {
    const record: DigestRecord = {
      at: digest.period.to,
      period: digest.period,
      counts: {
        overdue: digest.overdue.length,
        stalled: digest.stalled.length,
        dueSoon: digest.dueSoon.length,
        awaitingVerification: digest.awaitingVerification.length,
        verifiedSince: digest.verifiedSince.length,
        ideas: digest.ideas.length,
      },
      recipients: this.committee.members.map((m) => m.email),
      reviewSlot: slot,
      ...(requestedBy ? { requestedBy } : {}),
    };
    this.state.digests.push(record);
    this.state.digests.splice(0, Math.max(0, this.state.digests.length - KEEP_DIGESTS));
    // A digest asked for between periods leaves the schedule alone: the next periodic digest still
    // reports on the whole period.
    if (!requestedBy) {
      this.state.lastDigestAt = digest.period.to;
      delete this.state.scheduledReviewAt;
    }
    return record;
  }

  nextMailKey(kind: string): string {
    this.state.mailSequence += 1;
    return `standing-committee:${kind}:${this.state.mailSequence}`;
  }

  ideasSince(sinceIso: string | undefined): Idea[] {
    const since = sinceIso ? Date.parse(sinceIso) : -Infinity;
    return this.state.ideas.filter((i) => Date.parse(i.proposedAt) >= since);
  }
}

/**
 * Who was outside working hours at each review meeting held, oldest first, each meeting once and
 * at the slot it was held at: the burden the next slot rotates away from. A meeting still ahead,
 * or cancelled, imposed nothing.
 */
export function reviewBurdenOf(
  state: Pick<CommitteeState, 'reviewMeeting' | 'pastReviews' | 'digests'>,
  now: string,
): string[][] {
  const last = state.reviewMeeting;
  const past = state.pastReviews ?? proposedBefore(state, [last]);
  return [...past, ...(last && isHeld(last, now) ? [last] : [])].map((m) => m.inconvenienced);
}

/**
 * For committees from before they kept their meetings: the slots their digests proposed, each
 * once, but for those of `except` (the last meeting, one being planned).
 */
function proposedBefore(
  state: Pick<CommitteeState, 'digests'>,
  except: ReadonlyArray<ReviewSlot | undefined>,
): ReviewSlot[] {
  const seen = new Set(except.flatMap((m) => (m ? [`${m.start}/${m.end}`] : [])));
  return state.digests.flatMap(({ reviewSlot: slot }) => {
    if (!slot || seen.has(`${slot.start}/${slot.end}`)) return [];
    seen.add(`${slot.start}/${slot.end}`);
    return [{ start: slot.start, end: slot.end, inconvenienced: slot.inconvenienced }];
  });
}

/** A review meeting that took place: not cancelled, and its start has passed. */
function isHeld(meeting: ReviewMeeting, now: string): boolean {
  return !meeting.cancelledAt && Date.parse(meeting.start) <= Date.parse(now);
}

function firstLine(text: string): string {
  const line = text.split(/\n|(?<=\.)\s/)[0]?.trim() ?? text;
  return line.length <= 120 ? line : `${line.slice(0, 117).trimEnd()}…`;
}
