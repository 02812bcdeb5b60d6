/**
 * Mail throughput: 1,000 invitations through `sendMessage` (validation, rendering in the
 * recipient's zone, ICS, sent-ledger with fsync, pooled SMTP) against a raw nodemailer pooled
 * send of the same finished message, to the same local SMTP server with the same concurrency.
 *
 *   npx tsx scripts/bench-mail.ts [messages] [concurrency]
 *
 * Exits 1 when sendMessage reaches less than 0.8× raw nodemailer with its default sockets. Our
 * transport turns Nagle off (see notifications/smtp-socket.ts), so raw nodemailer on such sockets
 * is printed too: that ratio shows the cost of rendering, ICS and the ledger alone.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createMailActivities } from '../activities/mail';
import {
  composeMail,
  createTransport,
  SendMessageInput,
  toMailOptions,
  type Ledger,
  type SentRecord,
} from '../notifications';
import { connectWithoutDelay } from '../notifications/smtp-socket';
import { startEmbeddedStore } from '../store/embedded';
import { SentLedger } from '../store/sent-ledger';
import { Store } from '../store/store';

const MESSAGES = Number(process.argv[2] ?? 1000);
const CONCURRENCY = Number(process.argv[3] ?? 20);
const MAX_CONNECTIONS = 5;
const TARGET = 0.8;
const FROM = 'convene <convene@un.example.org>';

const recipient = { name: 'Ana Qalo', email: 'ana.qalo@forum.example.org', timeZone: 'Pacific/Fiji' };
const invitation = (i: number): SendMessageInput => ({
  idempotencyKey: `bench-${process.pid}-${i}`,
  recipients: [recipient],
  meetingZone: 'America/New_York',
  ics: { sequence: 0 },
  message: {
    kind: 'invitation',
    data: {
      edition: {
        number: 7,
        title: 'Seventh high-level meeting of the United Nations and regional organizations',
      },
      contact: { name: 'HLM Secretariat', email: 'hlm-secretariat@un.example.org' },
      meeting: {
        title: 'Seventh high-level meeting',
        start: '2006-09-22T14:00:00Z',
        end: '2006-09-22T22:00:00Z',
        venue: 'United Nations Headquarters, New York',
      },
      agenda: [{ title: 'Cooperation in peacekeeping', group: 'Peacekeeping' }, { title: 'Mediation' }],
      detailsUrl: 'https://convene.example.org/hlm-7',
    },
  },
});

async function main(): Promise<void> {
  const server = await startSink();
  const embedded = await startEmbeddedStore({ port: 0 });
  const store = new Store(embedded.url, { maxConnections: 1 });
  const [load] = os.loadavg();
  console.log(
    `${MESSAGES} messages per run, pool of ${MAX_CONNECTIONS} connections, ${CONCURRENCY} in flight; ` +
      `load average ${load?.toFixed(1)} on ${os.cpus().length} cores`,
  );
  try {
    const rawDefault = await measure('raw nodemailer pooled send (default sockets)', () =>
      rawSender(server.port, false),
    );
    const raw = await measure('raw nodemailer pooled send (TCP_NODELAY)', () => rawSender(server.port, true));
    await measure('convene sendMessage, ledger in memory', () => ourSender(server.url, memoryLedger()));
    const ours = await measure('convene sendMessage (render + ICS + ledger in the embedded store)', () =>
      ourSender(server.url, new SentLedger(store)),
    );
    const ratio = ours / rawDefault;
    const tuned = ours / raw;
    console.log(
      `ratio convene / raw nodemailer: ${ratio.toFixed(2)} (target ≥ ${TARGET})  ${ratio >= TARGET ? 'OK' : 'TOO SLOW'}`,
    );
    console.log(`ratio convene / raw nodemailer on the same TCP_NODELAY sockets: ${tuned.toFixed(2)}`);
    console.log(`server received ${server.count()} messages`);
    process.exitCode = ratio >= TARGET ? 0 : 1;
  } finally {
    await server.close();
    await store.close();
    await embedded.stop();
  }
}

interface Sender {
  send(i: number): Promise<void>;
  close(): void;
}

/**
 * A short warm-up (connections opened, code compiled), then the timed run; messages per second.
 * CPU per message is the steadier figure on a busy machine: it counts the SMTP server too (same process).
 */
async function measure(label: string, create: () => Sender): Promise<number> {
  const sender = create();
  await runAll(50, CONCURRENCY, (i) => sender.send(-1 - i));
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  await runAll(MESSAGES, CONCURRENCY, (i) => sender.send(i));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  sender.close();
  const rate = MESSAGES / seconds;
  const cpuPerMessage = (used.user + used.system) / 1e3 / MESSAGES;
  console.log(
    `${label.padEnd(46)} ${seconds.toFixed(2).padStart(6)} s ${rate.toFixed(0).padStart(5)} msg/s   cpu ${cpuPerMessage.toFixed(2)} ms/msg`,
  );
  return rate;
}

/** The same finished message (rendered once, untimed), straight into nodemailer's pool. */
function rawSender(port: number, noDelay: boolean): Sender {
  const request = SendMessageInput.parse(invitation(0));
  const mail = composeMail(request, request.recipients[0]!, {
    messageId: '<x@un.example.org>',
    from: FROM,
    now: new Date(),
  });
  const options = toMailOptions(mail);
  const transporter = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    pool: true,
    maxConnections: MAX_CONNECTIONS,
    ...(noDelay ? { getSocket: connectWithoutDelay } : {}),
  });
  return {
    send: async (i) => {
      await transporter.sendMail({ ...options, messageId: `<raw-${i}@un.example.org>` });
    },
    close: () => transporter.close(),
  };
}

function ourSender(smtpUrl: string, ledger: Ledger): Sender {
  const transport = createTransport({
    smtpUrl,
    from: FROM,
    outboxDir: os.tmpdir(),
    pool: { maxConnections: MAX_CONNECTIONS },
  });
  const { sendMessage } = createMailActivities({ transport, ledger, now: () => new Date(), from: FROM });
  return {
    send: async (i) => {
      const result = await sendMessage(invitation(i));
      if (result.deliveries[0]?.status !== 'delivered') throw new Error(`message ${i} was not delivered`);
    },
    close: () => transport.close(),
  };
}

/** To see what the durable ledger costs: the same path with outcomes kept in memory only. */
function memoryLedger(): Ledger {
  const records = new Map<string, SentRecord>();
  return {
    async once(copy, send) {
      const key = `${copy.idempotencyKey}\n${copy.recipient}`;
      const earlier = records.get(key);
      if (earlier) return { record: earlier, replayed: true };
      const record = { ...(await send()), at: new Date().toISOString() };
      records.set(key, record);
      return { record, replayed: false };
    },
  };
}

async function runAll(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** A local SMTP server that accepts and discards, counting messages. */
async function startSink(): Promise<{
  port: number;
  url: string;
  count: () => number;
  close: () => Promise<void>;
}> {
  let count = 0;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      stream.on('end', () => {
        count += 1;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    count: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
