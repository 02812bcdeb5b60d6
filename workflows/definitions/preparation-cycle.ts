/**
 * The contract of the preparation cycle (`hlm-<edition>`): what a client may send it and what it
 * answers. Clients (CLI, portal, tests, benchmarks) import this, never the workflow itself.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AgendaComment,
  ApproveAgendaRequest,
  CancelRequest,
  CommentRequest,
  CouncilMovedRequest,
  CouncilMoveResult,
  CycleState,
  FollowCouncilRequest,
  RecordOutcomeRequest,
  RescheduleRequest,
  SecurityCouncilMovedRequest,
} from '../../domain/cycle';
import type { CycleInput } from '../../domain/cycle-input';
import type { RenderedDocument } from '../../domain/documents';
import type { Coincidence } from '../../domain/planning';

export type { Coincidence, CouncilMoveResult, CouncilMovedRequest };

export const rescheduleUpdate = defineUpdate<CycleStatus, [RescheduleRequest]>('reschedule');
export const securityCouncilMovedUpdate = defineUpdate<Coincidence, [SecurityCouncilMovedRequest]>(
  'securityCouncilMoved',
);
/**
 * The Security Council's meeting has a new date (from an organizer, or from the Council session
 * workflow for the organizer who moved it). If the meetings no longer coincide the organizers get a
 * proposal with the nearest dates that do, or, under the policy `followCouncil`, the meeting moves
 * on its own and everyone is told.
 */
export const councilMovedUpdate = defineUpdate<CouncilMoveResult, [CouncilMovedRequest]>('councilMoved');
/** An organizer applies the pending Council proposal (`convene cycle follow-council`). */
export const followCouncilUpdate = defineUpdate<CycleStatus, [FollowCouncilRequest]>('followCouncil');
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
/** The cycle's input as it now stands (meeting and Council dates as moved): the base of next year's. */
export const cyclePlanQuery = defineQuery<CycleInput>('plan');

/** The whole state of a cycle, with what is pending from whom now. */
export type CycleStatus = CycleState;

export const PREPARATION_CYCLE_WORKFLOW = 'preparationCycle';
export type PreparationCycleWorkflow = (input: CycleInput) => Promise<CycleStatus>;
