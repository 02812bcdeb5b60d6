/**
 * A focal point whose address the mail server refuses for good: the refusal is recorded on the
 * decision, the organizers are told, and the decision goes on being tracked.
 */
import { eventually } from '../helpers/eventually';
import { mailTo } from '../helpers/outbox';
import { AU, AU_DEPUTY, ORGANIZER, startHarness, status, type DecisionHarness } from './helpers';

const REFUSAL = '550 5.1.1 <deputy@au.example.org>: mailbox unavailable';

let h: DecisionHarness;
beforeAll(async () => {
  h = await startHarness({
    wrapTransport: (outbox) => ({
      ...outbox,
      send: (mail) =>
        mail.to.address === AU_DEPUTY
          ? Promise.resolve({ status: 'rejected-permanently', serverReply: REFUSAL })
          : outbox.send(mail),
    }),
  });
});
afterAll(() => h.close());

test('a refused address is recorded, the organizers are told, and the requests go on', async () => {
  const handle = await h.start({
    policy: {
      reportCadence: 'PT2S',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT1H',
    },
  });
  const failures = await eventually(
    async () => {
      const view = await status(handle);
      return view.mailFailures.length ? view.mailFailures : undefined;
    },
    { what: 'the refusal to be recorded' },
  );
  expect(failures[0]).toMatchObject({
    kind: 'decision-progress-request',
    recipient: AU_DEPUTY,
    serverReply: REFUSAL,
  });
  const told = await eventually(
    async () => {
      const mails = mailTo(await h.outbox(), ORGANIZER);
      return mails.find((m) => m.subject.startsWith('HLM 7 · mail not delivered to'));
    },
    { what: 'the organizer to be told' },
  );
  expect(told.text).toContain(REFUSAL);

  // Tracking goes on: the next request is sent, to the lead's other focal point as well.
  await eventually(
    async () => (await status(handle)).notices.filter((n) => n.kind === 'progress-request').length >= 2,
    { what: 'the next request' },
  );
  const view = await status(handle);
  expect(view.notices.at(-1)?.recipients).toContain(AU);
  expect((await handle.describe()).status.name).toBe('RUNNING');
  await handle.terminate('test done');
});
