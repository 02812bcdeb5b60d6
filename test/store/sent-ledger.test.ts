/**
 * The sent-ledger in the shared store: what one process sent is found by every other, a crashed
 * sender's claim (no longer renewed) is taken over after the timeout, and the rows are per recipient. Run against the
 * embedded store and, when CONVENE_TEST_POSTGRES_URL names one (.ci/run starts it), a real server.
 */
import { deliveryKey, messageIdFor } from '../../notifications';
import { SentLedger } from '../../store/sent-ledger';
import { Store } from '../../store/store';
import { eventually } from '../helpers/eventually';
import { testKeyRing } from '../helpers/keys';
import { testStore } from '../helpers/temporal';
import { describeOnEachStore } from './variants';

const COPY = { idempotencyKey: 'hlm-7:invitation:v1', recipient: 'ana.qalo@forum.example.org' };
const delivered = {
  messageId: '<m@un.example.org>',
  subject: 'HLM 7',
  status: 'delivered' as const,
  serverReply: '250 OK',
};

describeOnEachStore('the sent-ledger', (url) => {
  let store: Store;
  let other: Store;
  beforeEach(() => {
    store = testStore(url());
    // Another machine: its own pool on the same database and schema.
    other = new Store(store.url, { maxConnections: 1, schema: store.schema });
  });
  afterEach(async () => {
    await store.close();
    await other.close();
  });

  test('an outcome recorded on one machine is found on the next, and the send is not repeated', async () => {
    const send = jest.fn(() => Promise.resolve(delivered));
    const first = await new SentLedger(store).once(COPY, send);
    const second = await new SentLedger(other).once(COPY, send);

    expect(send).toHaveBeenCalledTimes(1);
    expect(first.replayed).toBe(false);
    expect(second).toEqual({ record: first.record, replayed: true });
  });

  test('with the keys, the subject (it may carry a title a person wrote) is sealed in its row', async () => {
    const keys = testKeyRing();
    const subject = 'HLM 7 · decision 7/94a: A databank on conflict prevention capacities';
    await new SentLedger(store, { keys }).once(COPY, () => Promise.resolve({ ...delivered, subject }));
    const rows = await store.query<{ subject: string }>('select subject from sent_ledger');
    expect(rows[0]!.subject).toMatch(/^sealed:/);
    expect(JSON.stringify(rows)).not.toContain('databank');
    expect((await new SentLedger(other, { keys }).lookup(COPY))?.subject).toBe(subject);
  });

  test('each recipient has a row of its own, and addresses compare without case', async () => {
    const ledger = new SentLedger(store);
    await ledger.once(COPY, () => Promise.resolve(delivered));
    const same = await ledger.once({ ...COPY, recipient: 'Ana.Qalo@Forum.Example.org' }, () =>
      Promise.reject(new Error('must not send')),
    );
    const another = await ledger.once({ ...COPY, recipient: 'rui.costa@un.example.org' }, () =>
      Promise.resolve({ ...delivered, messageId: '<n@un.example.org>' }),
    );
    expect(same.replayed).toBe(true);
    expect(another).toMatchObject({ replayed: false, record: { messageId: '<n@un.example.org>' } });
  });

  test('a failed send leaves no trace, so the retry sends', async () => {
    const ledger = new SentLedger(store);
    await expect(ledger.once(COPY, () => Promise.reject(new Error('421 busy')))).rejects.toThrow('421 busy');
    const retry = await ledger.once(COPY, () => Promise.resolve(delivered));
    expect(retry.replayed).toBe(false);
    expect(await ledger.lookup(COPY)).toMatchObject(delivered);
  });

  test('while one machine sends, another is told to try later, past the timeout too, since the sender renews its claim', async () => {
    let answer: (outcome: typeof delivered) => void = () => undefined;
    const sending = new SentLedger(store, { claimTimeoutMs: 900 }).once(
      COPY,
      () => new Promise((resolve) => (answer = resolve)),
    );
    const second = new SentLedger(other, { claimTimeoutMs: 900 });
    await eventually(
      async () => (await store.query("select 1 from sent_ledger where state = 'sending'")).length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // more than twice the timeout
    await expect(second.once(COPY, () => Promise.resolve(delivered))).rejects.toMatchObject({
      name: 'MessageInFlight',
    });
    answer(delivered);
    expect(await sending).toMatchObject({ replayed: false, record: { status: 'delivered' } });
    expect(await second.once(COPY, () => Promise.resolve(delivered))).toMatchObject({ replayed: true });
  });

  test('a send hung in a live process renews its claim only as long as a send may take, then frees the row', async () => {
    const hung = new SentLedger(store, { claimTimeoutMs: 600, maxSendMs: 700 });
    void hung.once(COPY, () => new Promise<never>(() => undefined));
    const second = new SentLedger(other, { claimTimeoutMs: 600 });
    await eventually(
      async () => (await store.query("select 1 from sent_ledger where state = 'sending'")).length > 0,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    await expect(second.once(COPY, () => Promise.resolve(delivered))).rejects.toMatchObject({
      name: 'MessageInFlight',
    });
    // Past the longest send and one claim timeout more, the row is free for the retry.
    const taken = await eventually(() => second.once(COPY, () => Promise.resolve(delivered)), {
      timeout: 5_000,
      what: 'the hung claim to go stale',
    });
    expect(taken).toMatchObject({ replayed: false, record: { status: 'delivered' } });
  });

  test('a claim its sender stopped renewing (the sender crashed) is taken over after the timeout', async () => {
    await store.query(
      `insert into sent_ledger (idempotency_key, recipient, state, claimed_by, claimed_at)
       values ($1, $2, 'sending', 'a-worker-that-was-killed', now() - interval '31 seconds')`,
      [COPY.idempotencyKey, COPY.recipient],
    );
    const taken = await new SentLedger(other).once(COPY, () => Promise.resolve(delivered));
    expect(taken).toMatchObject({ replayed: false, record: { status: 'delivered' } });
  });

  test('two machines claiming the same copy at once: exactly one sends', async () => {
    const send = jest.fn(() => Promise.resolve(delivered));
    const results = await Promise.allSettled([
      new SentLedger(store).once(COPY, send),
      new SentLedger(other).once(COPY, send),
    ]);
    expect(send).toHaveBeenCalledTimes(1);
    // The other was told to try later, or (if the first had finished) found the outcome.
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('MessageInFlight');
      else expect(r.value.record.status).toBe('delivered');
    }
    expect((await new SentLedger(store).lookup(COPY))?.status).toBe('delivered');
  });
});

test('the Message-ID comes from the key and the sender’s domain, the same on every attempt', () => {
  const from = 'convene <convene@un.example.org>';
  const key = deliveryKey(COPY.idempotencyKey, COPY.recipient);
  const id = messageIdFor(key, from);
  expect(id).toMatch(/^<[0-9a-f]{40}@un\.example\.org>$/);
  expect(messageIdFor(key, from)).toBe(id);
  expect(messageIdFor(deliveryKey(COPY.idempotencyKey, 'rui.costa@un.example.org'), from)).not.toBe(id);
  expect(messageIdFor(key, 'convene')).toMatch(/@convene\.local>$/);
});
