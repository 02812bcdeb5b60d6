/**
 * recordOutcome and the decision ids it claims: an id already held by a workflow of other content
 * (an import, someone else's start) refuses the outcome with the decision named, and nothing changes;
 * the same outcome without that decision is then accepted.
 */
import { eventually } from '../helpers/eventually';
import { workflowIds } from '../../domain/ids';
import {
  approveAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { DECISION_TRACKING_WORKFLOW } from '../../workflows/definitions/decision-tracking';
import { compressedCycle, ORGANIZER, startCycle, updateEventCount } from '../helpers/cycle';
import { expectRejected, rejectionOf } from '../helpers/rejections';
import { decisionInput } from '../decisions/helpers';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const decision = (ref: string, text: string) => ({
  ref,
  text,
  area: 'conflict-prevention',
  lead: 'un',
  responsible: [],
  dueDate: new Date(Date.now() + 86_400_000).toISOString(),
});

test('an outcome naming a decision id someone else holds is refused, naming the decision, and changes nothing', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const input = compressedCycle(t.settings, 321);
    const cycle = await startCycle(t, input);
    // Someone started decision-321-2 from other content before the outcome was recorded.
    const squatted = workflowIds.decision(input.editionKey, '2');
    await t.client.workflow.start(DECISION_TRACKING_WORKFLOW, {
      workflowId: squatted,
      taskQueue: t.taskQueue,
      args: [decisionInput('2', { spec: { edition: input.editionKey, text: 'Something else entirely.' } })],
    });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
      timeout: 40_000,
      what: 'the draft agenda',
    });
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'the meeting to end',
    });

    const outcome = [
      decision('1', 'Partners should exchange early-warning assessments every quarter.'),
      decision('2', 'A joint roster of mediators should be kept by the United Nations.'),
    ];
    const events = await updateEventCount(cycle);
    await expectRejected(
      cycle.executeUpdate(recordOutcomeUpdate, { args: [{ as: ORGANIZER, decisions: outcome }] }),
      'conflict',
      /decisions\.1\.ref: "2" cannot be tracked: decision-321-2 is already running, started .*, from an unrecorded decision/,
    );
    // A French organizer reads the whole refusal in French, the start refusal inside it too.
    const french = await rejectionOf(
      cycle.executeUpdate(recordOutcomeUpdate, { args: [{ as: ORGANIZER, decisions: outcome }] }),
      'fr',
    );
    expect(french.message).toMatch(/^decisions\.1\.ref : « 2 » ne peut pas être suivie : decision-321-2 /);
    expect(french.message).not.toMatch(/already running|unrecorded decision/);
    const after = await cycle.query(cycleStatusQuery);
    expect(after.phase).toBe('awaiting-outcome');
    expect(after.decisions).toEqual([]);
    // Refused after its validator: the Update is in history, but nothing was started for decision 1.
    expect(await updateEventCount(cycle)).toBeGreaterThan(events);
    await expect(
      t.client.workflow.getHandle(workflowIds.decision(input.editionKey, '1')).describe(),
    ).rejects.toThrow();

    const recorded = await cycle.executeUpdate(recordOutcomeUpdate, {
      args: [{ as: ORGANIZER, decisions: [outcome[0]!] }],
    });
    expect(recorded.decisions).toEqual([workflowIds.decision(input.editionKey, '1')]);
    const described = await t.client.workflow.getHandle(recorded.decisions[0]!).describe();
    // The start carries what it was started from, so a later start can tell the same from another.
    expect(described.memo?.startedBy).toBe(ORGANIZER);
    expect(described.memo?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await cycle.result()).phase).toBe('completed');
    for (const id of [squatted, recorded.decisions[0]!])
      await t.client.workflow
        .getHandle(id)
        .terminate('test done')
        .catch(() => undefined);
  });
}, 120_000);
