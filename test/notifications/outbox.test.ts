/** Without SMTP_URL, mail goes to an outbox folder of .eml files. */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { chair, meeting, request } from './fixtures';
import { calendarOf, mailer, NOW, tempDir } from './helpers';

let data: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  data = await tempDir();
});
afterEach(() => data.remove());

const outbox = () => path.join(data.dir, 'outbox');
const emlFiles = async () => (await readdir(outbox())).filter((f) => f.endsWith('.eml'));

test('without a mail server, each message is an .eml file that a mail client can open', async () => {
  const { sendMessage, transport } = mailer(data.dir);
  const result = await sendMessage(request('invitation'));

  expect(transport.kind).toBe('outbox');
  const files = await emlFiles();
  expect(files).toHaveLength(1);
  const mail = await simpleParser(await readFile(path.join(outbox(), files[0]!)));
  expect(mail.subject).toBe('HLM 7 · invitation: Seventh high-level meeting');
  expect(mail.to).toMatchObject({ value: [{ name: chair.name, address: chair.email }] });
  expect(mail.messageId).toBe(result.deliveries[0]?.messageId);
  expect(mail.date?.toISOString()).toBe(NOW.toISOString());
  expect(mail.text).toContain('Suva time (UTC+12)');
  expect(mail.html).toContain('<a href="https://');
  expect(calendarOf(mail).event.start.toISOString()).toBe(new Date(meeting.start).toISOString());
  expect(result.deliveries[0]?.status).toBe('delivered');
  expect(result.deliveries[0]?.serverReply).toContain(files[0]);
});

test('the same message twice is written once', async () => {
  const { sendMessage } = mailer(data.dir);
  const first = await sendMessage(request('input-reminder'));
  const second = await sendMessage(request('input-reminder'));

  expect(await emlFiles()).toHaveLength(1);
  expect(second.deliveries[0]).toEqual({ ...first.deliveries[0], replayed: true });
});

test('even without the ledger, the outbox keeps one file per Message-ID', async () => {
  const { transport } = mailer(data.dir);
  const mail = {
    messageId: '<0123456789abcdef@un.example.org>',
    from: 'convene <convene@un.example.org>',
    to: { name: chair.name, address: chair.email },
    subject: 'HLM 7 · test',
    text: 'text',
    html: '<p>html</p>',
    date: NOW,
    headers: {},
  };
  const first = await transport.send(mail);
  const second = await transport.send(mail);

  expect(await emlFiles()).toEqual(['0123456789abcdef-ana.qalo_at_forum.example.org.eml']);
  expect(first.serverReply).toMatch(/^written to /);
  expect(second.serverReply).toMatch(/^already in /);
});

test('one file per recipient, each in their own time zone', async () => {
  const { sendMessage } = mailer(data.dir);
  const there = { name: 'Li Wei', email: 'li.wei@asean.example.org', timeZone: 'Asia/Jakarta' };
  await sendMessage(request('input-overdue', { recipients: [chair, there] }));

  const texts = await Promise.all(
    (await emlFiles()).map(
      async (f) => (await simpleParser(await readFile(path.join(outbox(), f)))).text ?? '',
    ),
  );
  expect(texts).toHaveLength(2);
  expect(texts.some((t) => t.includes('Saturday 1 July 2006, 09:00 Suva time'))).toBe(true);
  expect(texts.some((t) => t.includes('Saturday 1 July 2006, 04:00 Jakarta time'))).toBe(true);
});

test('the outbox folder is 0700 and each message in it 0600: mail is for its recipients only', async () => {
  const { sendMessage } = mailer(data.dir);
  await sendMessage(request('invitation'));
  const [file] = await emlFiles();
  expect((await stat(outbox())).mode & 0o777).toBe(0o700);
  expect((await stat(path.join(outbox(), file!))).mode & 0o777).toBe(0o600);
});
