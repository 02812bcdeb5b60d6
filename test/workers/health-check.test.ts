import { HEALTH_CHECK_WORKFLOW, type HealthCheckWorkflow } from '../../workflows/definitions/health-check';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

test('a workflow on the real server reads the partner directory through a real worker and its activity', async () => {
  const worker = await t.createWorker();
  const result = await worker.runUntil(
    t.client.workflow.execute<HealthCheckWorkflow>(HEALTH_CHECK_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: `health-${t.taskQueue}`,
      args: [['un', 'pif', 'no-such-org']],
    }),
  );
  expect(result.organizations).toBeGreaterThanOrEqual(16);
  expect(result.sample).toEqual([
    { id: 'un', acronym: 'UN', timeZone: 'America/New_York' },
    { id: 'pif', acronym: 'PIF', timeZone: 'Pacific/Fiji' },
  ]);
});
