/**
 * The contract of a Security Council session with regional organizations (`council-session-<year>`):
 * what a client may send it and what it answers. Clients (CLI, tests) import this, never the workflow.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AnswerRequest,
  BrieferAnswer,
  ConceptNoteReceipt,
  ConceptNoteRequest,
  CouncilSessionInput,
  CouncilSessionStatus,
  CycleMeeting,
  CycleMovedRequest,
  FreezeRequest,
  InviteRequest,
  MoveRequest,
  RecordCouncilOutcomeRequest,
  SessionMove,
  SetSpeakersRequest,
  SpeakerLine,
  TrackedRequest,
} from '../../domain/council-session';

export const conceptNoteUpdate = defineUpdate<ConceptNoteReceipt, [ConceptNoteRequest]>('conceptNote');
export const inviteUpdate = defineUpdate<{ sentAt: string; invited: string[] }, [InviteRequest]>('invite');
export const answerUpdate = defineUpdate<BrieferAnswer, [AnswerRequest]>('answer');
export const setSpeakersUpdate = defineUpdate<SpeakerLine[], [SetSpeakersRequest]>('setSpeakers');
export const freezeSpeakersUpdate = defineUpdate<{ frozenAt: string }, [FreezeRequest]>('freezeSpeakers');
export const moveSessionUpdate = defineUpdate<SessionMove, [MoveRequest]>('moveSession');
export const recordCouncilOutcomeUpdate = defineUpdate<TrackedRequest[], [RecordCouncilOutcomeRequest]>(
  'recordCouncilOutcome',
);
/** Sent by the preparation cycle timed with the session (through an activity), never by a person. */
export const cycleMovedUpdate = defineUpdate<CycleMeeting, [CycleMovedRequest]>('cycleMoved');
export const councilStatusQuery = defineQuery<CouncilSessionStatus>('status');

export const COUNCIL_SESSION_WORKFLOW = 'councilSession';
export type CouncilSessionWorkflow = (input: CouncilSessionInput) => Promise<CouncilSessionStatus>;
