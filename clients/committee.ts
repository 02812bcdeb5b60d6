/**
 * The standing committee as a client sees it: signal-with-start when decisions are recorded, a
 * start before the first idea, and the ideas it would carry into the next agenda.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CarryForward, NewDecisions } from '../domain/committee';
import {
  committeeStatusQuery,
  newDecisionsSignal,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../workflows/definitions/standing-committee';

export interface CommitteeAddress {
  taskQueue: string;
  workflowId: string;
}

/** Signal-with-start: the committee hears of the decisions, and starts if it was not running. */
export async function announceToCommittee(
  client: Client,
  at: CommitteeAddress,
  news: NewDecisions,
): Promise<void> {
  await client.workflow.signalWithStart<StandingCommitteeWorkflow, [NewDecisions]>(
    STANDING_COMMITTEE_WORKFLOW,
    {
      workflowId: at.workflowId,
      taskQueue: at.taskQueue,
      args: [{}],
      signal: newDecisionsSignal,
      signalArgs: [news],
    },
  );
}

/** The running committee, started first if there is none (e.g. before the first idea). */
export async function ensureCommittee(client: Client, at: CommitteeAddress) {
  return client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    workflowId: at.workflowId,
    taskQueue: at.taskQueue,
    args: [{}],
    workflowIdConflictPolicy: 'USE_EXISTING',
  });
}

/**
 * The end of the last meeting that announced its decisions: the ideas proposed before it were that
 * meeting's to take up. Before any meeting, every idea is carried.
 */
export function lastMeetingEnd(announcements: ReadonlyArray<{ meetingEnd?: string }>): number {
  return announcements.reduce(
    (latest, a) => (a.meetingEnd ? Math.max(latest, Date.parse(a.meetingEnd)) : latest),
    Number.NEGATIVE_INFINITY,
  );
}

export async function committeeIdeas(
  client: Client,
  committee: CommitteeAddress,
  sinceIso?: string,
): Promise<CarryForward['ideas']> {
  const handle = client.workflow.getHandle(committee.workflowId);
  try {
    // Only this deployment's committee (its task queue): another one's may have no worker to answer.
    const described = await handle.describe();
    if (described.taskQueue !== committee.taskQueue) return [];
    const status = await handle.query(committeeStatusQuery);
    const since = sinceIso ? Date.parse(sinceIso) : lastMeetingEnd(status.announcements);
    return status.ideas
      .filter((i) => !i.takenUpBy && Date.parse(i.proposedAt) >= since)
      .map((i) => ({
        id: i.id,
        text: i.text,
        proposedBy: `${i.proposedByName} (${i.proposedBy})`,
        proposedAt: i.proposedAt,
      }));
  } catch (err) {
    // No committee yet means no ideas yet: nothing to carry.
    if (err instanceof WorkflowNotFoundError) return [];
    throw err;
  }
}
