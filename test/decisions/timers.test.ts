/**
 * The clock of a decision, compressed to seconds: progress requests on a cadence, the due-soon
 * reminder, the escalation ladder after the due date, and stall detection. Each is asserted on the
 * status and on the .eml files the people concerned receive.
 */
import { describeDecision } from '../../cli/commands/decision';
import { eventually } from '../helpers/eventually';
import type { WorkflowHandle } from '@temporalio/client';
import {
  claimImplementedUpdate,
  extendDueDateUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import type {} from '../../workflows/definitions/decision-tracking';
import { mailTo } from '../helpers/outbox';
import {
  AU,
  AU_DEPUTY,
  CHAIR,
  ECOWAS,
  IGAD,
  mailsAbout,
  MEMBER_AU,
  MEMBER_EU,
  ORGANIZER,
  startHarness,
  status,
  type DecisionHarness,
} from './helpers';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

type Handle = WorkflowHandle<DecisionTrackingWorkflow>;
const refOf = (handle: Handle) => handle.workflowId.replace(/^decision-7-/, '');

async function noticesOf(handle: Handle, kind: string) {
  return (await status(handle)).notices.filter((n) => n.kind === kind);
}

/** The mail to `email` whose subject has `subjectPart` and, when given, whose text has `textPart`
 * (reminders share a subject, and the outbox holds them in no particular order). */
async function mailFor(handle: Handle, email: string, subjectPart: string, textPart = '') {
  return eventually(
    async () => {
      const mails = mailTo(mailsAbout(await h.outbox(), refOf(handle)), email);
      return mails.find(
        (m) => m.subject.includes(subjectPart) && m.text.replace(/\s+/g, ' ').includes(textPart),
      );
    },
    { what: `mail "${subjectPart}" to ${email}` },
  );
}

test('after the due date the ladder climbs step by step: the lead, then the committee chair, then the organizers', async () => {
  const handle = await h.start({
    dueIn: 3,
    policy: {
      reportCadence: 'PT1H',
      dueSoonBefore: 'PT2S',
      escalation: [
        { notify: 'lead', after: 'PT0S' },
        { notify: 'committee-chair', after: 'PT3S' },
        { notify: 'organizers', after: 'PT6S' },
      ],
      stallAfter: 'PT1H',
    },
  });
  const ref = refOf(handle);

  const dueSoon = await mailFor(handle, IGAD, 'due soon');
  expect(dueSoon.subject).toBe(`HLM 7 · decision ${ref}: due soon`);
  expect(await noticesOf(handle, 'escalation')).toHaveLength(0);

  // Step 1: the lead's focal points are told it is overdue; the chair not yet.
  await eventually(async () => (await noticesOf(handle, 'escalation')).length === 1, { what: 'step 1' });
  let escalations = await noticesOf(handle, 'escalation');
  expect(escalations[0]).toMatchObject({ step: 0, audience: 'lead', recipients: [AU, AU_DEPUTY] });
  const overdue = await mailFor(handle, AU_DEPUTY, 'overdue');
  expect(overdue.text).toContain('has passed its due date');
  expect(overdue.text).toContain('No progress has been reported');
  expect((await status(handle)).overdue).toBe(true);

  // Step 2: the committee chair, with what the ladder has done so far.
  await eventually(async () => (await noticesOf(handle, 'escalation')).length === 2, { what: 'step 2' });
  escalations = await noticesOf(handle, 'escalation');
  expect(escalations[1]).toMatchObject({ step: 1, audience: 'committee-chair', recipients: [CHAIR] });
  const toChair = await mailFor(handle, CHAIR, "needs the standing committee's attention");
  expect(toChair.text).toContain('step 2 of 3');
  expect(toChair.text).toContain('lead told on');

  // Step 3: the organizers; and nothing more after the last step.
  await eventually(async () => (await noticesOf(handle, 'escalation')).length === 3, { what: 'step 3' });
  const toOrganizer = await mailFor(handle, ORGANIZER, "needs the standing committee's attention");
  expect(toOrganizer.text).toContain('step 3 of 3');
  const view = await status(handle);
  expect(view.upcoming.filter((u) => u.what.startsWith('escalation'))).toEqual([]);
  expect(view.mailFailures).toEqual([]);
  await handle.terminate('test done');
});

test('a committee member extends the due date: the ladder stops and starts afresh from the new date', async () => {
  const handle = await h.start({
    dueIn: 1,
    policy: {
      reportCadence: 'PT1H',
      dueSoonBefore: 'PT1S',
      escalation: [
        { notify: 'lead', after: 'PT0S' },
        { notify: 'committee-chair', after: 'PT2S' },
      ],
      stallAfter: 'PT1H',
    },
  });
  await eventually(async () => (await noticesOf(handle, 'escalation')).length === 1, { what: 'step 1' });
  const newDue = new Date(Date.now() + 3_000).toISOString();
  await handle.executeUpdate(extendDueDateUpdate, {
    args: [
      { as: MEMBER_EU, dueDate: newDue, reason: 'The AU summit moved; the databank launch follows it.' },
    ],
  });
  let view = await status(handle);
  expect(view.overdue).toBe(false);
  expect(view.extensions).toHaveLength(1);
  expect(view.upcoming.find((u) => u.what.startsWith('escalation'))?.what).toBe('escalation step 1: lead');

  // The new due date passes: step 1 again (for the new date), not the chair's step 2.
  await eventually(async () => (await noticesOf(handle, 'escalation')).length === 2, {
    what: 'step 1 for the new date',
  });
  view = await status(handle);
  expect(view.notices.filter((n) => n.kind === 'escalation').map((n) => n.step)).toEqual([0, 0]);
  expect(view.notices.filter((n) => n.kind === 'due-soon')).toHaveLength(2);
  await handle.terminate('test done');
});

test('progress requests go on the cadence to the lead and to the responsible organizations not yet done', async () => {
  const handle = await h.start({
    policy: {
      reportCadence: 'PT2S',
      reportWindow: 'PT10S',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT1H',
    },
  });
  await eventually(async () => (await noticesOf(handle, 'progress-request')).length >= 1, {
    what: 'the first request',
  });
  const request = await mailFor(handle, ECOWAS, 'progress report requested');
  expect(request.text).toContain('Please report on the progress made');
  expect(request.text).toContain('Report by');

  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: ECOWAS, percent: 100, narrative: 'ECOWAS entries are complete.' }],
  });
  const before = (await noticesOf(handle, 'progress-request')).length;
  await eventually(async () => (await noticesOf(handle, 'progress-request')).length > before, {
    what: 'the next request',
  });
  const latest = (await noticesOf(handle, 'progress-request')).at(-1)!;
  expect(latest.recipients).toContain(AU);
  expect(latest.recipients).toContain(IGAD);
  expect(latest.recipients).not.toContain(ECOWAS);
  await handle.terminate('test done');
});

test('no report for the stall period marks the decision stalled and tells the committee; a report revives it', async () => {
  const handle = await h.start({
    policy: {
      reportCadence: 'PT1H',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT3S',
    },
  });
  await eventually(async () => (await status(handle)).status === 'stalled', { what: 'the stall' });
  const view = await status(handle);
  expect(view.notices.find((n) => n.kind === 'stall')?.recipients).toHaveLength(7);
  const toMember = await mailFor(handle, MEMBER_EU, "needs the standing committee's attention");
  expect(toMember.text).toContain('it is now marked stalled');

  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU, percent: 10, narrative: 'Work resumed after the summit.' }],
  });
  const revived = await status(handle);
  expect(revived.status).toBe('in-progress');
  expect(revived.statusChanges.map((c) => c.to)).toEqual(['stalled', 'in-progress']);
  await handle.terminate('test done');
});

test('a claim awaiting verification reminds the members who may verify it on the cadence, tells the chair after two reminders, and stops once judged', async () => {
  const handle = await h.start({
    policy: {
      reportCadence: 'PT1H',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT1H',
      verificationReminderEvery: 'PT2S',
      verificationRemindersBeforeChair: 2,
    },
  });
  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, summary: 'The databank is online.', evidence: ['https://au.example.org/databank'] }],
  });
  await eventually(async () => (await noticesOf(handle, 'verification-escalation')).length === 1, {
    what: 'the chair to be told after two reminders',
  });
  const reminders = await noticesOf(handle, 'verification-reminder');
  expect(reminders.length).toBeGreaterThanOrEqual(2);
  // The member from AU, the lead, may not judge its claim and is not reminded.
  expect(reminders[0]!.recipients).toContain(MEMBER_EU);
  expect(reminders[0]!.recipients).not.toContain(MEMBER_AU);
  expect((await noticesOf(handle, 'verification-escalation'))[0]!.recipients).toEqual([CHAIR]);

  const first = await mailFor(handle, MEMBER_EU, 'claim still awaiting verification', 'This is reminder 1:');
  expect(first.text.replace(/\s+/g, ' ')).toContain('please verify the claim or reject it with your reasons');
  const second = await mailFor(handle, MEMBER_EU, 'claim still awaiting verification', 'This is reminder 2:');
  expect(second.text.replace(/\s+/g, ' ')).toContain('Reminders sent: 2');
  const toChair = await mailFor(handle, CHAIR, 'claim unverified after 2 reminders');
  expect(toChair.text.replace(/\s+/g, ' ')).toContain('you chair the standing committee');

  expect(describeDecision(await status(handle))).toMatch(
    /claim awaiting verification: \d+ reminders? sent; chair told 20/,
  );

  await handle.executeUpdate(rejectClaimUpdate, {
    args: [{ as: MEMBER_EU, reasons: 'Only three partners feed it.' }],
  });
  const view = await status(handle);
  expect(view.status).toBe('in-progress');
  expect(view.upcoming.some((u) => u.what.includes('verify'))).toBe(false);
  await handle.terminate('test done');
});
