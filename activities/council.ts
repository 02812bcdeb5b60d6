/**
 * Activities that carry a move between a Council session and the preparation cycle timed with it.
 * The session owns the Council's date, so when it moves, the cycle is told (the cycle then checks
 * the coincidence and proposes, or makes, a re-plan); when the cycle is rescheduled, the session is
 * told (its organizers hear if the two no longer coincide).
 *
 * Idempotency: each Update carries an id made from the move, and the server keeps one Update per
 * id, so a retried activity never records a move twice.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { executeUpdate } from '../clients/updates';
import { rejectionOf } from '../clients/rejections';
import type { CouncilMovedRequest } from '../domain/cycle';
import type { CycleMovedRequest } from '../domain/council-session';
import { cycleMovedUpdate } from '../workflows/definitions/council-session';
import { councilMovedUpdate, type CouncilMoveResult } from '../workflows/definitions/preparation-cycle';

export interface CouncilMoveToTell {
  cycleWorkflowId: string;
  /** Unique to this move of this session: the Update's id. */
  moveId: string;
  request: CouncilMovedRequest;
}

/** What became of it: the cycle's answer, or why the cycle could not take it (gone, refused). */
export type CycleTold =
  { told: true; coincide: boolean; followed: boolean; proposedStart?: string } | { told: false; why: string };

export interface CycleMoveToTell {
  sessionWorkflowId: string;
  /** Unique to this reschedule of this cycle: the Update's id. */
  moveId: string;
  request: CycleMovedRequest;
}

/** Whether the session took it, or why not (not running here, or not timed with this cycle). */
export type SessionTold = { told: true } | { told: false; why: string };

export interface CouncilActivities {
  tellCycleOfCouncilMove(input: CouncilMoveToTell): Promise<CycleTold>;
  tellSessionOfCycleMove(input: CycleMoveToTell): Promise<SessionTold>;
}

export function createCouncilActivities(deps: { client: () => Promise<Client> }): CouncilActivities {
  return {
    async tellCycleOfCouncilMove({ cycleWorkflowId, moveId, request }) {
      const handle = (await deps.client()).workflow.getHandle(cycleWorkflowId);
      try {
        const result: CouncilMoveResult = await executeUpdate(handle, councilMovedUpdate, {
          args: [request],
          updateId: moveId,
        });
        return {
          told: true,
          coincide: result.coincidence.coincide,
          followed: result.followed,
          ...(result.proposal ? { proposedStart: result.proposal.start } : {}),
        };
      } catch (err) {
        return notTold(err, cycleWorkflowId);
      }
    },
    async tellSessionOfCycleMove({ sessionWorkflowId, moveId, request }) {
      const handle = (await deps.client()).workflow.getHandle(sessionWorkflowId);
      try {
        await executeUpdate(handle, cycleMovedUpdate, { args: [request], updateId: moveId });
        return { told: true };
      } catch (err) {
        return notTold(err, sessionWorkflowId);
      }
    },
  };
}

/** A workflow that is gone, or that refused, is an answer; the server or the connection is retried. */
function notTold(err: unknown, workflowId: string): { told: false; why: string } {
  if (err instanceof WorkflowNotFoundError) return { told: false, why: `${workflowId} is not running` };
  const refused = rejectionOf(err);
  if (refused) return { told: false, why: refused.message };
  throw err;
}
