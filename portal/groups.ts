/**
 * The working groups as the portal sees them: found through visibility, read through the group's
 * status query, acted on through its Updates. Only the definitions module is imported.
 */
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import {
  groupStatusQuery,
  WORKING_GROUP_INPUT_WORKFLOW,
  type GroupView,
} from '../workflows/definitions/working-group-input';
import { sameAddress } from '../domain/people';
import { runningWorkflowIds } from './running';
import { SharedReads } from './shared-reads';
import { workflowIdPatterns } from '../domain/ids';

export interface GroupPage {
  workflowId: string;
  /** `hlm-r7-wg-peacekeeping` → `r7` */
  edition: string;
  view: GroupView;
}

/** Groups of running cycles whose chair or a delegate is `email` (or every one, for an organizer). */
export async function groupsOf(
  client: Client,
  taskQueue: string,
  email: string,
  all: boolean,
): Promise<GroupPage[]> {
  const pages: GroupPage[] = [];
  for await (const workflowId of runningWorkflowIds(client, WORKING_GROUP_INPUT_WORKFLOW, taskQueue)) {
    const page = await groupPage(client, workflowId);
    if (page && (all || submitterOf(page.view, email))) pages.push(page);
  }
  return pages.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}

/** The chair or delegate with this address, who may submit the group's input; else undefined. */
export function submitterOf(view: GroupView, email: string): GroupView['submitters'][number] | undefined {
  return view.submitters.find((s) => sameAddress(s.email, email));
}

/** `hlm-r7-wg-peacekeeping` → `r7`; undefined for an id that is not a working group's. */
export function editionOfGroup(workflowId: string): string | undefined {
  return workflowIdPatterns.workingGroup.exec(workflowId)?.[1];
}

/** The status queries of each client's groups, shared by the requests of the same moment. */
const statusReads = new WeakMap<Client, SharedReads>();

/**
 * The group's status, or undefined when there is no such group. The view may be shared with other
 * requests (see SharedReads): read it, never change it.
 */
export async function groupPage(client: Client, workflowId: string): Promise<GroupPage | undefined> {
  const edition = editionOfGroup(workflowId);
  if (!edition) return undefined;
  let reads = statusReads.get(client);
  if (!reads) statusReads.set(client, (reads = new SharedReads()));
  try {
    const view = await reads.read(workflowId, () =>
      client.workflow.getHandle(workflowId).query(groupStatusQuery),
    );
    return { workflowId, edition, view };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}
