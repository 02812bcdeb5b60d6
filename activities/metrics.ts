/**
 * The project's activity-side counters, through the SDK's meter (so they are served with its own
 * metrics on CONVENE_METRICS_ADDRESS) and tagged with the workflow the activity works for. Outside
 * an activity (unit tests call activities as plain functions) there is no meter, and nothing counts.
 */
import { asyncLocalStorage } from '@temporalio/activity';

export type MailOutcome = 'sent' | 'refused';

/** A mail that left for one recipient (sent), or that the server refused for good (refused), by message kind. */
export function countMail(kind: string, outcome: MailOutcome): void {
  const context = asyncLocalStorage.getStore();
  if (!context) return;
  // A standalone activity (started by a client, not a workflow) has no workflow to name.
  const workflowId = context.info.workflowExecution?.workflowId ?? '';
  context.metricMeter
    .createCounter('convene_mails', 'messages', 'mails sent or refused for good, by kind')
    .add(1, { kind, outcome, workflow_id: workflowId });
}
