import { eventually } from '../helpers/eventually';
import { workflowIds } from '../../domain/ids';
import {
  cancelUpdate,
  cycleStatusQuery,
  PREPARATION_CYCLE_WORKFLOW,
  type PreparationCycleWorkflow,
} from '../../workflows/definitions/preparation-cycle';
import {
  decideExtensionUpdate,
  groupStatusQuery,
  requestExtensionUpdate,
  reviewInputUpdate,
  submitInputUpdate,
} from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, groupOf, ORGANIZER, sampleInput } from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const peacekeeping = GROUPS[2];
const start = (edition: number) => {
  const input = compressedCycle(t.settings, edition);
  return {
    input,
    started: t.client.workflow.start<PreparationCycleWorkflow>(PREPARATION_CYCLE_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: workflowIds.cycle(input.editionKey),
      args: [input],
    }),
  };
};

test('a chair who misses the deadline gets reminders and an overdue notice, then the organizer is told; a late input is accepted, flagged', async () => {
  const { input, started } = start(201);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await started;
    const group = groupOf(t.client, input, peacekeeping.id);
    await eventually(async () => (await group.query(groupStatusQuery)).escalated, {
      timeout: 25_000,
      what: 'the escalation',
    });
    const view = await group.query(groupStatusQuery);
    expect(view.remindersSent).toBe(2);
    expect(view.overdueNoticeSent).toBe(true);

    const receipt = await group.executeUpdate(submitInputUpdate, {
      args: [{ as: peacekeeping.chair, input: sampleInput('peacekeeping') }],
    });
    expect(receipt.onTime).toBe(false);
    const status = await eventually(
      async () => {
        const s = await cycle.query(cycleStatusQuery);
        return s.groups.find((g) => g.id === peacekeeping.id)?.late && s;
      },
      { timeout: 5_000, what: 'the cycle to see the late input' },
    );
    expect(status.groups.find((g) => g.id === peacekeeping.id)).toMatchObject({
      status: 'under-review',
      late: true,
      version: 1,
    });
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });

  const mail = await readOutbox(t.settings.mail.outboxDir);
  const toChair = mailTo(mail, peacekeeping.chair).map((m) => m.subject);
  expect(toChair.filter((s) => /reminder/i.test(s))).toHaveLength(2);
  expect(toChair.some((s) => /overdue/i.test(s))).toBe(true);
  const toOrganizer = mailTo(mail, ORGANIZER).map((m) => m.subject);
  expect(toOrganizer).toContain(`HLM 201 · Peacekeeping: overdue input needs your attention`);
}, 90_000);

test('a revision loop: the organizer asks for changes, the chair is told and resubmits, every version is kept', async () => {
  const { input, started } = start(202);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await started;
    const group = groupOf(t.client, input, peacekeeping.id);
    await eventually(
      () =>
        group.executeUpdate(submitInputUpdate, {
          args: [{ as: peacekeeping.chair, input: sampleInput('peacekeeping') }],
        }),
      { timeout: 45_000, what: 'the group' },
    );
    await group.executeUpdate(reviewInputUpdate, {
      args: [{ as: ORGANIZER, decision: 'revise', version: 1, comments: 'Please add the budget.' }],
    });
    const v2 = await group.executeUpdate(submitInputUpdate, {
      args: [{ as: peacekeeping.chair, input: sampleInput('peacekeeping', 2) }],
    });
    expect(v2).toMatchObject({ version: 2, onTime: true, duplicate: false });
    await group.executeUpdate(reviewInputUpdate, {
      args: [{ as: ORGANIZER, decision: 'accept', version: 2 }],
    });
    const view = await group.result();
    expect(view).toMatchObject({ outcome: 'accepted', versions: 2 });
    expect(view.submission?.input.agendaItems).toHaveLength(2);
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
  });
  const toChair = mailTo(await readOutbox(t.settings.mail.outboxDir), peacekeeping.chair);
  const revision = toChair.find((m) => /revision/i.test(m.subject));
  expect(revision?.text).toContain('Please add the budget.');
  expect(toChair.some((m) => /accepted/i.test(m.subject))).toBe(true);
}, 60_000);

test('an extension granted moves the group deadline: no overdue notice at the old deadline, one at the new', async () => {
  const { input, started } = start(203);
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await started;
    const group = groupOf(t.client, input, peacekeeping.id);
    const view = await eventually(() => group.query(groupStatusQuery), {
      timeout: 45_000,
      what: 'the group',
    });
    const newDeadline = new Date(Date.parse(view.deadline) + 3_000).toISOString();
    await group.executeUpdate(requestExtensionUpdate, {
      args: [{ as: peacekeeping.chair, until: newDeadline, reason: 'Our summit is this week.' }],
    });
    const decided = await group.executeUpdate(decideExtensionUpdate, {
      args: [{ as: ORGANIZER, grant: true, reason: 'Granted.' }],
    });
    expect(decided.decision?.granted).toBe(true);
    expect((await group.query(groupStatusQuery)).deadline).toBe(newDeadline);

    await eventually(async () => Date.now() > Date.parse(view.deadline) + 1_000, {
      timeout: 15_000,
      what: 'the old deadline to pass',
    });
    expect((await group.query(groupStatusQuery)).overdueNoticeSent).toBe(false);
    await eventually(async () => (await group.query(groupStatusQuery)).overdueNoticeSent, {
      timeout: 10_000,
      what: 'the overdue notice at the new deadline',
    });

    const other = groupOf(t.client, input, GROUPS[0].id);
    await other.executeUpdate(requestExtensionUpdate, {
      args: [{ as: GROUPS[0].chair, until: newDeadline, reason: 'Please.' }],
    });
    await expectRejected(
      other.executeUpdate(decideExtensionUpdate, { args: [{ as: ORGANIZER, grant: false }] }),
      'invalid-payload',
      /a refusal needs a reason/,
    );
    await other.executeUpdate(decideExtensionUpdate, {
      args: [{ as: ORGANIZER, grant: false, reason: 'All groups keep the date.' }],
    });
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
  });
  const mail = await readOutbox(t.settings.mail.outboxDir);
  expect(
    mailTo(mail, peacekeeping.chair).some(
      (m) => /extension/i.test(m.subject) && /grant/i.test(m.subject + m.text),
    ),
  ).toBe(true);
  expect(mailTo(mail, GROUPS[0].chair).find((m) => /extension/i.test(m.subject))?.text).toContain(
    'All groups keep the date.',
  );
}, 60_000);
