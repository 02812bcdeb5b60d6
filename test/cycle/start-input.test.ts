/** The cycle workflow checks its own input: a bad start from any client fails at once, naming the field. */
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { workflowIds } from '../../domain/ids';
import {
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import { compressedCycle } from '../helpers/cycle';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

test('a start from a plain client with no organizers and a blank title fails at once, naming both fields', async () => {
  const input = { ...compressedCycle(t.settings, 151), organizers: [], title: ' ' };
  const worker = await t.createWorker();
  const failure = await worker.runUntil(
    t.client.workflow
      .execute<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
        taskQueue: t.taskQueue,
        workflowId: `${workflowIds.cycle(input.editionKey)}-bad-start-${t.taskQueue}`,
        args: [input],
        workflowExecutionTimeout: '1 minute',
      })
      .catch((err: unknown) => err),
  );
  expect(failure).toBeInstanceOf(WorkflowFailedError);
  const cause = (failure as WorkflowFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect(cause).toMatchObject({ type: 'InvalidCycleInput', nonRetryable: true });
  expect(cause?.message).toMatch(/^the cycle cannot start: .*title: .*organizers: /);
});
