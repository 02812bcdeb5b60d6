/** The ids of this deployment's running workflows of one type, from visibility. */
import type { Client } from '@temporalio/client';

export async function* runningWorkflowIds(
  client: Client,
  workflowType: string,
  taskQueue: string,
): AsyncGenerator<string> {
  const listing = client.workflow.list({
    query: `WorkflowType = '${workflowType}' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`,
  });
  for await (const execution of listing) yield execution.workflowId;
}
