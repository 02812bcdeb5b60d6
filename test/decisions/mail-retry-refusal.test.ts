/**
 * A refusal recorded by an attempt that failed for another recipient: one focal point's address is
 * refused for good while the other's server says 451 (greylisting); the retry delivers the second,
 * finds the first's refusal in the ledger, and the organizers are still told of it.
 */
import { MailTemporaryError } from '../../notifications';
import { eventually } from '../helpers/eventually';
import { mailTo } from '../helpers/outbox';
import { AU, AU_DEPUTY, ORGANIZER, startHarness, status, type DecisionHarness } from './helpers';

const REFUSAL = '550 5.1.1 <deputy@au.example.org>: mailbox unavailable';

let h: DecisionHarness;
const greylisted = new Set<string>();
beforeAll(async () => {
  h = await startHarness({
    wrapTransport: (outbox) => ({
      ...outbox,
      async send(mail) {
        if (mail.to.address === AU_DEPUTY) return { status: 'rejected-permanently', serverReply: REFUSAL };
        if (mail.to.address === AU && !greylisted.has(mail.messageId)) {
          greylisted.add(mail.messageId);
          throw new MailTemporaryError('451 4.7.1 greylisted, try again later');
        }
        return outbox.send(mail);
      },
    }),
  });
});
afterAll(() => h.close());

test('after a partial retry, a refusal recorded by the first attempt still reaches the status and the organizers', async () => {
  // Every request is greylisted once for AU, so every refusal of the deputy is one the retry replays.
  const handle = await h.start({
    policy: {
      reportCadence: 'PT2S',
      dueSoonBefore: 'PT1S',
      escalation: [{ notify: 'lead', after: 'PT1H' }],
      stallAfter: 'PT1H',
    },
  });
  await eventually(async () => mailTo(await h.outbox(), AU).length > 0, {
    timeout: 40_000,
    what: 'the retried request to reach the greylisted focal point',
  });
  const failures = await eventually(
    async () => {
      const view = await status(handle);
      return view.mailFailures.length ? view.mailFailures : undefined;
    },
    { what: 'the refusal from the first attempt to be recorded' },
  );
  expect(failures).toEqual([
    expect.objectContaining({
      kind: 'decision-progress-request',
      recipient: AU_DEPUTY,
      serverReply: REFUSAL,
    }),
  ]);
  const told = await eventually(
    async () =>
      mailTo(await h.outbox(), ORGANIZER).find((m) => m.subject.startsWith('HLM 7 · mail not delivered to')),
    { what: 'the organizer to be told' },
  );
  expect(told.text).toContain(REFUSAL);
  await handle.terminate('test done');
});
