/**
 * Activities of a Council session that reach other workflows: the session owns the Council's date,
 * so when it moves, the preparation cycle timed to coincide with it is told (the cycle then checks
 * the coincidence and proposes, or makes, a re-plan).
 *
 * Idempotency: the cycle's Update carries an id made from the session's move, and the server keeps
 * one Update per id, so a retried activity never records a move twice.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { executeUpdate } from '../clients/updates';
import { rejectionOf } from '../clients/rejections';
import type { CouncilMovedRequest } from '../domain/cycle';
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

export interface CouncilActivities {
  tellCycleOfCouncilMove(input: CouncilMoveToTell): Promise<CycleTold>;
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
        if (err instanceof WorkflowNotFoundError)
          return { told: false, why: `${cycleWorkflowId} is not running` };
        const refused = rejectionOf(err);
        if (refused) return { told: false, why: refused.message };
        throw err; // the server or the connection: retried
      }
    },
  };
}
