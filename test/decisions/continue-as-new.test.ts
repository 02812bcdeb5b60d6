import { eventually } from '../helpers/eventually';
import { decisionQuery } from '../../clients/decisions';
import { executeUpdate } from '../../clients/updates';
import { reportProgressUpdate } from '../../workflows/definitions/decision-tracking';
import { AU, IGAD, startHarness, status, type DecisionHarness } from './helpers';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

test('a decision that continues as new keeps every report, every response and its timers', async () => {
  const handle = await h.start({
    maxEventsPerRun: 3,
    policy: {
      reportCadence: 'PT1H',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT2H',
    },
  });
  const firstRun = (await handle.describe()).runId;
  const before = await eventually(async () => (await status(handle)).upcoming, {
    what: 'the first run to plan its timers',
  });

  for (let i = 1; i <= 8; i++) {
    await executeUpdate(handle, reportProgressUpdate, {
      args: [{ as: i % 2 ? AU : IGAD, reportId: `r${i}`, percent: i * 10, narrative: `Report number ${i}.` }],
    });
  }
  const view = await status(handle);
  expect(view.reports.map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']);
  expect(view.run).toBeGreaterThanOrEqual(3);
  expect((await handle.describe()).runId).not.toBe(firstRun);
  expect(view.responses.find((r) => r.organization === 'igad')?.reportIds).toEqual(['r2', 'r4', 'r6', 'r8']);
  expect(view.status).toBe('in-progress');
  // The stall clock counts from the last report, whichever run received it; the due date did not move.
  expect(view.upcoming.map((u) => u.what)).toEqual(before.map((u) => u.what));
  expect(view.dueDate).toBe(view.originalDueDate);

  // A report retried after the hand-over is still recognised as the same report.
  const again = await executeUpdate(handle, reportProgressUpdate, {
    args: [{ as: AU, reportId: 'r1', percent: 10, narrative: 'Report number 1.' }],
  });
  expect(again.duplicate).toBe(true);

  // Visibility lists the decision once, from its current run, with its status kept current.
  const listed = await eventually(
    async () => {
      const query = decisionQuery({ taskQueue: h.t.taskQueue, status: 'in-progress' });
      const found = [];
      for await (const info of h.t.client.workflow.list({ query }))
        if (info.workflowId === handle.workflowId) found.push(info);
      return found.length ? found : undefined;
    },
    { what: 'the decision in visibility' },
  );
  expect(listed).toHaveLength(1);
  expect(listed[0]!.memo).toMatchObject({ ref: handle.workflowId.replace('decision-7-', ''), edition: '7' });
  await handle.terminate('test done');
});
