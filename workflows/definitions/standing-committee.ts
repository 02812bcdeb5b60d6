/**
 * The contract of the standing committee (`standing-committee`): ideas, review scheduling, the
 * digest on demand, and the signal a cycle sends when it records decisions.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CancelReviewRequest,
  CommitteePolicy,
  CommitteePolicyInput,
  DigestRequest,
  NewDecisions,
  ProposeIdeaRequest,
  ScheduleReviewRequest,
} from '../../domain/committee';
import type {
  CommitteeRoster,
  CommitteeState,
  DigestRecord,
  IdeaReceipt,
  ReviewMeetingReceipt,
} from '../../domain/standing-committee';

export const newDecisionsSignal = defineSignal<[NewDecisions]>('newDecisions');
export const proposeIdeaUpdate = defineUpdate<IdeaReceipt, [ProposeIdeaRequest]>('proposeIdea');
export const scheduleReviewUpdate = defineUpdate<{ nextReviewAt: string }, [ScheduleReviewRequest]>(
  'scheduleReview',
);
/** Chair or organizer: the review meeting moves to `at` (the same calendar entry, updated). */
export const moveReviewMeetingUpdate = defineUpdate<ReviewMeetingReceipt, [ScheduleReviewRequest]>(
  'moveReviewMeeting',
);
/** Chair or organizer: the review meeting is cancelled (METHOD:CANCEL to every member). */
export const cancelReviewMeetingUpdate = defineUpdate<ReviewMeetingReceipt, [CancelReviewRequest]>(
  'cancelReviewMeeting',
);
export const sendDigestNowUpdate = defineUpdate<DigestRecord, [DigestRequest]>('sendDigestNow');
export const committeeStatusQuery = defineQuery<CommitteeStatus>('status');

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

export const STANDING_COMMITTEE_WORKFLOW = 'standingCommittee';
export type StandingCommitteeWorkflow = (input?: StandingCommitteeInput) => Promise<void>;
