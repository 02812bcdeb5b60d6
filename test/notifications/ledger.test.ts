/** The sent-ledger: what was sent is remembered across processes, and a dead sender does not block. */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deliveryKey, messageIdFor, SentLedger } from '../../notifications';
import { tempDir } from './helpers';

let data: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  data = await tempDir();
});
afterEach(() => data.remove());

const KEY = deliveryKey('hlm-7:invitation:v1', 'ana.qalo@forum.example.org');
const delivered = {
  messageId: '<m@un.example.org>',
  subject: 'HLM 7',
  status: 'delivered' as const,
  serverReply: '250 OK',
};

test('an outcome recorded by one process is found by the next, and the send is not repeated', async () => {
  const dir = path.join(data.dir, 'sent-ledger');
  const send = jest.fn(() => Promise.resolve(delivered));
  const first = await new SentLedger(dir).once(KEY, send);
  const second = await new SentLedger(dir).once(KEY, send);

  expect(send).toHaveBeenCalledTimes(1);
  expect(first.replayed).toBe(false);
  expect(second).toEqual({ record: first.record, replayed: true });
});

test('a failed send leaves no trace, so the retry sends', async () => {
  const ledger = new SentLedger(path.join(data.dir, 'sent-ledger'));
  await expect(ledger.once(KEY, () => Promise.reject(new Error('421 busy')))).rejects.toThrow('421 busy');
  const retry = await ledger.once(KEY, () => Promise.resolve(delivered));
  expect(retry.replayed).toBe(false);
  expect(await ledger.lookup(KEY)).toMatchObject(delivered);
});

test('a worker killed while sending blocks others only while it lives; then its claim is taken over', async () => {
  const dir = path.join(data.dir, 'sent-ledger');
  const worker = await startStuckWorker(dir, KEY);
  const ledger = new SentLedger(dir);
  await expect(ledger.once(KEY, () => Promise.resolve(delivered))).rejects.toMatchObject({
    name: 'MessageInFlight',
  });

  await worker.kill();
  const taken = await ledger.once(KEY, () => Promise.resolve(delivered));
  expect(taken.replayed).toBe(false);
});

test('a claim older than any send could take is stale, even if its process still lives', async () => {
  const dir = path.join(data.dir, 'sent-ledger');
  let now = new Date('2006-08-01T12:00:00Z');
  const ledger = new SentLedger(dir, { claimTimeoutMs: 60_000, now: () => now });
  // The ledger calls send only once its claim is on disk: that call, not a sleep, says "claimed".
  let claimed!: () => void;
  const claimWritten = new Promise<void>((resolve) => (claimed = resolve));
  void ledger.once(KEY, () => {
    claimed();
    return new Promise<never>(() => undefined);
  });
  await claimWritten;
  const other = () => new SentLedger(dir, { claimTimeoutMs: 60_000, now: () => now });
  await expect(other().once(KEY, () => Promise.resolve(delivered))).rejects.toMatchObject({
    name: 'MessageInFlight',
  });

  now = new Date(now.getTime() + 61_000);
  const taken = await other().once(KEY, () => Promise.resolve(delivered));
  expect(taken).toMatchObject({ replayed: false, record: { status: 'delivered' } });
});

test('the Message-ID comes from the key and the sender’s domain, the same on every attempt', () => {
  const from = 'convene <convene@un.example.org>';
  const id = messageIdFor(KEY, from);
  expect(id).toMatch(/^<[0-9a-f]{40}@un\.example\.org>$/);
  expect(messageIdFor(KEY, from)).toBe(id);
  expect(messageIdFor(deliveryKey('hlm-7:invitation:v1', 'rui.costa@un.example.org'), from)).not.toBe(id);
  expect(messageIdFor(KEY, 'convene')).toMatch(/@convene\.local>$/);
});

/** Another process that claims the key and then never finishes sending. */
async function startStuckWorker(dir: string, key: string): Promise<{ kill: () => Promise<void> }> {
  const script = path.join(data.dir, 'stuck-worker.ts');
  const ledgerModule = path.resolve(__dirname, '../../notifications/ledger');
  await writeFile(
    script,
    `import { SentLedger } from ${JSON.stringify(ledgerModule)};
     void new SentLedger(${JSON.stringify(dir)}).once(${JSON.stringify(key)}, () => {
       console.log('claimed');
       setInterval(() => undefined, 1000);
       return new Promise(() => undefined);
     });`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('claimed') && resolve());
    child.once('exit', (code) => reject(new Error(`stuck worker exited early (${code})`)));
  });
  return {
    kill: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
