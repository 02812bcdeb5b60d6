/**
 * Every action the CLI takes on a workflow goes through `act`: an Update whose refusal becomes a
 * `Rejected` error with its reason code and sentence, and whose other failures name the Update and
 * the workflow, so the person can tell "you may not" from "something broke".
 */
import { Option } from 'commander';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition, Workflow } from '@temporalio/common';
import { rejectionOf } from '../clients/rejections';
import { executeUpdate } from '../clients/updates';
import { RejectedError, UpdateFailedError } from './output';

export async function act<Ret, Arg>(
  handle: WorkflowHandle<Workflow>,
  update: UpdateDefinition<Ret, [Arg]>,
  options: { args: [Arg]; updateId?: string },
): Promise<Ret> {
  try {
    return await executeUpdate(handle, update, options);
  } catch (err) {
    const rejection = rejectionOf(err);
    if (rejection) throw new RejectedError(rejection.code, rejection.message, rejection.sentence);
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause?.message ?? err.message;
      throw new UpdateFailedError(
        `the ${update.name} action on ${handle.workflowId} failed: ${cause}. Nothing was refused; try again, and if it fails again see the workflow in the Temporal Web UI.`,
      );
    }
    throw err;
  }
}

/** `--as <email>`: who acts, asserted; the CLI runs on an operator's trusted connection. */
export const asOption = () =>
  new Option(
    '--as <email>',
    'who acts (asserted; the CLI runs on a trusted connection)',
  ).makeOptionMandatory();
