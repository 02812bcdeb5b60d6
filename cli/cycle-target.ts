/** How the CLI names a cycle and its groups: "7", "r7" (a rehearsal) or the workflow id "hlm-7". */
import type { Client, WorkflowHandle } from '@temporalio/client';
import { workflowIds } from '../domain/ids';
import type { preparationCycle } from '../workflows/preparation-cycle';
import type { workingGroupInput } from '../workflows/working-group-input';
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

export function cycleHandle(client: Client, edition: string): WorkflowHandle<typeof preparationCycle> {
  return client.workflow.getHandle(workflowIds.cycle(editionKeyOf(edition)));
}

export function groupHandle(
  client: Client,
  edition: string,
  group: string,
): WorkflowHandle<typeof workingGroupInput> {
  return client.workflow.getHandle(workflowIds.workingGroup(editionKeyOf(edition), group));
}
