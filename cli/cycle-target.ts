/** How the CLI names a cycle and its groups: "7", "r7" (a rehearsal) or the workflow id "hlm-7". */
import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { workflowIds } from '../domain/ids';
import { type PreparationCycleWorkflow } from '../workflows/definitions/preparation-cycle';
import { type WorkingGroupInputWorkflow } from '../workflows/definitions/working-group-input';
import { UserError } from './output';

export function editionKeyOf(argument: string): string {
  const key = argument.replace(/^hlm-/, '');
  if (!/^r?\d+$/.test(key)) {
    throw new UserError('cli.error.notEdition', { argument });
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
      throw new UserError('cli.error.groupEnded', { group, edition });
    }
    throw err;
  }
}
