import { eventually } from '../helpers/eventually';
import {
  approveAgendaUpdate,
  cancelUpdate,
  commentOnAgendaUpdate,
  cycleStatusQuery,
  recordOutcomeUpdate,
  rescheduleUpdate,
  securityCouncilMovedUpdate,
} from '../../workflows/definitions/preparation-cycle';
import {
  groupStatusQuery,
  reviewInputUpdate,
  submitInputUpdate,
} from '../../workflows/definitions/working-group-input';
import {
  compressedCycle,
  GROUPS,
  groupOf,
  updateEventCount,
  ORGANIZER,
  sampleInput,
  startCycle,
} from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import type { RejectionCode } from '../../domain/rejection';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const start = async (edition: number) => {
  const input = compressedCycle(t.settings, edition);
  const cycle = await startCycle(t, input);
  return { input, cycle };
};

test('a reschedule in the middle re-plans the timeline, moves every group deadline and tells everyone with an updated calendar entry', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const { input, cycle } = await start(301);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'collecting-inputs', {
      timeout: 45_000,
      what: 'inputs',
    });
    const before = await cycle.query(cycleStatusQuery);
    const shift = 20_000;
    const status = await cycle.executeUpdate(rescheduleUpdate, {
      args: [
        {
          as: ORGANIZER,
          start: new Date(Date.parse(input.meeting.start) + shift).toISOString(),
          end: new Date(Date.parse(input.meeting.end) + shift).toISOString(),
          reason: 'The Security Council moved its debate.',
        },
      ],
    });
    const deadlineBefore = before.milestones.find((m) => m.name === 'inputDeadline')!.at;
    const deadlineAfter = status.milestones.find((m) => m.name === 'inputDeadline')!.at;
    expect(Date.parse(deadlineAfter) - Date.parse(deadlineBefore)).toBe(shift);
    const group = groupOf(t.client, input, GROUPS[1].id);
    await eventually(async () => (await group.query(groupStatusQuery)).deadline === deadlineAfter, {
      timeout: 5_000,
      what: 'the group deadline to move',
    });
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const notice = mailTo(await readOutbox(t.settings.mail.outboxDir), 'focal.point@eu.example.org').find((m) =>
    /reschedul/i.test(m.subject),
  );
  expect(notice?.text).toContain('The Security Council moved its debate.');
  expect(notice?.calendar).toMatch(/SEQUENCE:1/);
  expect(notice?.calendar).toMatch(/UID:hlm-301@convene/);
}, 60_000);

test('a cancellation closes every group and sends cancellation notices with a calendar cancel', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const { input, cycle } = await start(302);
    const everyGroupStarted = async () =>
      (await cycle.query(cycleStatusQuery)).groups.every((g) => g.deadline !== '');
    await eventually(everyGroupStarted, { timeout: 45_000, what: 'every group to start' });
    await cycle.executeUpdate(cancelUpdate, {
      args: [{ as: ORGANIZER, reason: 'The meeting will not take place this year.' }],
    });
    const final = await cycle.result();
    expect(final.phase).toBe('cancelled');
    expect(final.cancelled).toMatchObject({
      by: ORGANIZER,
      reason: 'The meeting will not take place this year.',
    });
    for (const g of GROUPS) expect((await groupOf(t.client, input, g.id).result()).outcome).toBe('cancelled');
  });
  // This file's first test cancels cycle 301 into the same outbox: take 302's notice.
  const notice = mailTo(await readOutbox(t.settings.mail.outboxDir), GROUPS[0].chair).find(
    (m) => /cancel/i.test(m.subject) && m.subject.includes('302'),
  );
  expect(notice?.text).toContain('The meeting will not take place this year.');
  expect(notice?.calendar).toMatch(/METHOD:CANCEL/);
}, 60_000);

test('a wrong actor or a malformed payload is rejected with the reason, and nothing is added to history', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const { input, cycle } = await start(303);
    const group = groupOf(t.client, input, GROUPS[2].id);
    await eventually(() => group.query(groupStatusQuery), { timeout: 45_000, what: 'the group' });

    const cases: [string, () => Promise<unknown>, RejectionCode, RegExp][] = [
      [
        'a chair of another group submits',
        () =>
          group.executeUpdate(submitInputUpdate, {
            args: [{ as: GROUPS[0].chair, input: sampleInput('x') }],
          }),
        'wrong-actor',
        /only the chair of the Peacekeeping group, kwame\.asante@au\.example\.org, may submit; you are grace\.mwangi@igad\.example\.org/,
      ],
      [
        'an input with no agenda item',
        () =>
          group.executeUpdate(submitInputUpdate, {
            args: [{ as: GROUPS[2].chair, input: { ...sampleInput('x'), agendaItems: [] } }],
          }),
        'invalid-payload',
        /submitInput is malformed: input\.agendaItems: must propose at least one agenda item/,
      ],
      [
        'a chair reviews their own input',
        () =>
          group.executeUpdate(reviewInputUpdate, {
            args: [{ as: GROUPS[2].chair, decision: 'accept', version: 1 }],
          }),
        'wrong-actor',
        /only the organizers \(amina\.rahman@un\.example\.org\) may review an input/,
      ],
    ];
    for (const [, act, code, reason] of cases) {
      const events = await updateEventCount(group);
      await expectRejected(act(), code, reason);
      expect(await updateEventCount(group)).toBe(events);
    }

    const cycleCases: [() => Promise<unknown>, RejectionCode, RegExp][] = [
      [
        () => cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: GROUPS[2].chair }] }),
        'wrong-actor',
        /only the organizers .* may approve the agenda; you are kwame/,
      ],
      [
        () => cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] }),
        'wrong-phase',
        /cannot approve the agenda: the cycle is collecting-inputs/,
      ],
      [
        () =>
          cycle.executeUpdate(commentOnAgendaUpdate, {
            args: [{ as: 'stranger@example.org', text: 'Hello' }],
          }),
        'wrong-actor',
        /only focal points of the participating organizations/,
      ],
      [
        () => cycle.executeUpdate(recordOutcomeUpdate, { args: [{ as: ORGANIZER, decisions: [] }] }),
        'wrong-phase',
        /cannot record the outcome/,
      ],
      [
        () =>
          cycle.executeUpdate(rescheduleUpdate, {
            args: [{ as: ORGANIZER, start: 'next week', end: 'later' }],
          }),
        'invalid-payload',
        /reschedule is malformed: start: must be an ISO date-time/,
      ],
      [
        () => cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: '' }] }),
        'invalid-payload',
        /cancel is malformed: reason: must not be empty/,
      ],
    ];
    for (const [act, code, reason] of cycleCases) {
      const events = await updateEventCount(cycle);
      await expectRejected(act(), code, reason);
      expect(await updateEventCount(cycle)).toBe(events);
    }
    // The counter does count: an accepted Update is recorded.
    const events = await updateEventCount(cycle);
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    expect(await updateEventCount(cycle)).toBeGreaterThan(events);
    await cycle.result();
  });
}, 60_000);

test('when the Security Council meeting moves out of the week, the organizers are sent the nearest dates that coincide again', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const { cycle, input } = await start(304);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).milestones.length > 0, {
      timeout: 10_000,
      what: 'the plan',
    });
    const sameWeek = await cycle.executeUpdate(securityCouncilMovedUpdate, {
      args: [{ as: ORGANIZER, start: input.meeting.start, title: 'Open debate' }],
    });
    expect(sameWeek.coincide).toBe(true);
    const later = new Date(Date.parse(input.meeting.start) + 14 * 86_400_000).toISOString();
    const moved = await cycle.executeUpdate(securityCouncilMovedUpdate, {
      args: [{ as: ORGANIZER, start: later }],
    });
    expect(moved.coincide).toBe(false);
    expect(moved.explanation).toMatch(/do not coincide/);
    expect((await cycle.query(cycleStatusQuery)).coincidence?.coincide).toBe(false);
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
  });
  // test/cycle/council-moves.test.ts follows the proposal through; here, that it names both ways.
  const proposal = mailTo(await readOutbox(t.settings.mail.outboxDir), ORGANIZER).find(
    (m) => m.kind === 'council-move-proposal' && m.subject.includes('HLM 304'),
  );
  const words = proposal?.text.replace(/\s+/g, ' ');
  expect(words).toContain('convene cycle reschedule');
  expect(words).toContain(`convene cycle follow-council 304 --as ${ORGANIZER}`);
}, 60_000);
