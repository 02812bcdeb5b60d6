/**
 * Activities that guard the decisions a cycle starts from its outcome: a decision id already taken
 * by a workflow started from something else (an import, another run, someone squatting the id) is
 * refused before anything is started, so an outcome never half-attaches to foreign decisions.
 *
 * Idempotency: it only reads visibility, so a retry gives the same answer or a fresher one.
 */
import type { Client } from '@temporalio/client';
import { claimRefusal, inputHash } from '../clients/starts';
import type { Phrase } from '../domain/rejection';

/** One decision of an outcome, as the cycle will start it: its id and what defines it. */
export interface DecisionClaim {
  workflowId: string;
  /** What the decision is (edition, meeting, ref, text, organizations, due date): it is hashed. */
  content: unknown;
}

export interface DecisionClaimAnswer {
  /** By workflow id: the hash each start must carry in its memo, so a later start can compare. */
  hashes: Record<string, string>;
  /**
   * The ids already taken by a workflow of different content, with the sentence that refuses it:
   * in English, and as a catalog phrase (absent from answers recorded before it) for the reader.
   */
  refused: { workflowId: string; reason: string; said?: Phrase }[];
}

export interface DecisionStartActivities {
  claimDecisionIds(input: { decisions: DecisionClaim[] }): Promise<DecisionClaimAnswer>;
}

export function createDecisionStartActivities(deps: {
  client: () => Promise<Client>;
}): DecisionStartActivities {
  return {
    async claimDecisionIds({ decisions }) {
      const client = await deps.client();
      const answer: DecisionClaimAnswer = { hashes: {}, refused: [] };
      for (const d of decisions) {
        const hash = inputHash(d.content);
        answer.hashes[d.workflowId] = hash;
        const refusal = await claimRefusal(client, d.workflowId, { hash, what: 'decision' });
        if (refusal) answer.refused.push({ workflowId: d.workflowId, ...refusal });
      }
      return answer;
    },
  };
}
