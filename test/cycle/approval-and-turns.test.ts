import { eventually } from '../helpers/eventually';
import { createActivities } from '../../workers/worker';
import { loadDirectory } from '../../config/directory';
import {
  approveAgendaUpdate,
  cancelUpdate,
  commentOnAgendaUpdate,
  cycleStatusQuery,
  rescheduleUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { compressedCycle, ORGANIZER, startCycle, FAST, type CompressedTimeline } from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const EU_FOCAL_POINT = 'focal.point@eu.example.org';

/** FAST, with a comment period of 20 s: a loaded machine must still fit a comment and an approval in it. */
const ROOMY: CompressedTimeline = {
  ...FAST,
  meetingIn: 60,
  callForInputs: 59,
  inputDeadline: 45,
  consolidationEnd: 40,
  commentPeriodEnd: 20,
  invitations: 15,
};

async function start(edition: number, timeline = FAST) {
  const input = compressedCycle(t.settings, edition, timeline);
  const cycle = await startCycle(t, input);
  return { input, cycle };
}

test('an agenda approved during the comment period closes it: the phase says so and a later comment is refused with the reason', async () => {
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const { cycle } = await start(311, ROOMY);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
      timeout: 40_000,
      what: 'the comment period',
    });
    await cycle.executeUpdate(commentOnAgendaUpdate, { args: [{ as: EU_FOCAL_POINT, text: 'In time.' }] });
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await expectRejected(
      cycle.executeUpdate(commentOnAgendaUpdate, { args: [{ as: EU_FOCAL_POINT, text: 'Too late.' }] }),
      'wrong-phase',
      /the agenda has been approved and the final agenda written; comments are closed/,
    );
    const approved = await eventually(
      async () => {
        const s = await cycle.query(cycleStatusQuery);
        return (s.phase === 'agenda-approved' || s.phase === 'invitations') && s;
      },
      { timeout: 20_000, what: 'the approved phase' },
    );
    expect(approved.comments.map((c) => c.text)).toEqual(['In time.']);
    expect(approved.documents.finalAgenda).toBeDefined();
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
}, 90_000);

test('a cancel accepted while a reschedule is being planned stops the reschedule: no reschedule notice goes out after it (planning delayed by a test gate)', async () => {
  let enterGate!: () => void;
  const entered = new Promise<void>((resolve) => (enterGate = resolve));
  let openGate!: () => void;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const real = createActivities({ settings: t.settings, directory: loadDirectory(t.settings.directoryFile) });
  let plans = 0;
  const worker = await t.createWorker({
    activities: {
      ...real,
      async planTimeline(request: Parameters<typeof real.planTimeline>[0]) {
        plans += 1;
        if (plans === 2) {
          enterGate();
          await gate;
        }
        return real.planTimeline(request);
      },
    },
  });
  await worker.runUntil(async () => {
    const { input, cycle } = await start(312);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'collecting-inputs', {
      timeout: 45_000,
      what: 'the call for inputs',
    });
    const shift = 3_600_000;
    const rescheduling = cycle.executeUpdate(rescheduleUpdate, {
      args: [
        {
          as: ORGANIZER,
          start: new Date(Date.parse(input.meeting.start) + shift).toISOString(),
          end: new Date(Date.parse(input.meeting.end) + shift).toISOString(),
          reason: 'Moved for the Council.',
        },
      ],
    });
    await entered;
    const cancelling = cycle.executeUpdate(cancelUpdate, {
      args: [{ as: ORGANIZER, reason: 'Called off.' }],
    });
    await eventually(async () => Boolean((await cycle.query(cycleStatusQuery)).cancelled), {
      timeout: 10_000,
      what: 'the cancel',
    });
    openGate();
    await expectRejected(rescheduling, 'wrong-phase', /cancelled while the new dates were planned/);
    await cancelling;
    const final = await cycle.result();
    expect(final.phase).toBe('cancelled');
    expect(final.meeting.start).toBe(input.meeting.start);
  });
  const mail = mailTo(await readOutbox(t.settings.mail.outboxDir), EU_FOCAL_POINT);
  expect(mail.some((m) => /cancel/i.test(m.subject))).toBe(true);
  expect(mail.some((m) => /reschedul/i.test(m.subject))).toBe(false);
}, 90_000);
