/** How the CLI names a cycle and its groups: "7", "r7" (a rehearsal) or the workflow id "hlm-7". */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { workflowIds } from '../domain/ids';
import { type PreparationCycleWorkflow } from '../workflows/definitions/preparation-cycle';
import { type WorkingGroupInputWorkflow } from '../workflows/definitions/working-group-input';
import { UserError } from './output';

export function editionKeyOf(argument: string): string {
  const key = argument.replace(/^hlm-/, '');
  if (!/^r?\d+$/.test(key)) {
    throw new UserError(
      `"${argument}" is not an edition: write 7, r7 for a rehearsal of edition 7, or hlm-7`,
    );
  }
  return key;
}

export function cycleHandle(client: Client, edition: string): WorkflowHandle<PreparationCycleWorkflow> {
  return client.workflow.getHandle(workflowIds.cycle(editionKeyOf(edition)));
}

export function groupHandle(
  client: Client,
  edition: string,
  group: string,
): WorkflowHandle<WorkingGroupInputWorkflow> {
  return client.workflow.getHandle(workflowIds.workingGroup(editionKeyOf(edition), group));
}

/**
 * An action on a group whose workflow has ended (input accepted, consolidation closed, cycle
 * cancelled) or never started, explained in the cycle's terms rather than Temporal's.
 */
export async function onGroup<T>(edition: string, group: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      throw new UserError(
        `The ${group} group of cycle ${edition} takes no more actions: its input was accepted, consolidation has closed, or the group does not exist (yet). See \`convene input status ${edition} ${group}\` and \`convene cycle status ${edition}\`.`,
      );
    }
    throw err;
  }
}
