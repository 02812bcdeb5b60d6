/** Mail through a real SMTP server on 127.0.0.1, including servers that misbehave. */
import net from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import type { MailTransport } from '../../notifications';
import { chair, edition, meeting, organizer, request, sample } from './fixtures';
import { calendarOf, mailer, retryLikeTemporal, tempDir } from './helpers';
import { smtpError, startLocalSmtp, type LocalSmtp } from './local-smtp';

let data: Awaited<ReturnType<typeof tempDir>>;
let smtp: LocalSmtp | undefined;

beforeEach(async () => {
  data = await tempDir();
});
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
  await data.remove();
});

describe('delivered content', () => {
  test('an invitation arrives as the chair should read it: subject, both time zones, HTML, text and a calendar entry', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const result = await sendMessage(request('invitation', { recipients: [chair, organizer] }));
    transport.close();

    expect(result.deliveries.map((d) => [d.email, d.status])).toEqual([
      [chair.email, 'delivered'],
      [organizer.email, 'delivered'],
    ]);
    const forChair = smtp.received.find((r) => r.envelopeTo.includes(chair.email))!.mail;
    expect(forChair.subject).toBe('HLM 7 · invitation: Seventh high-level meeting');
    expect(forChair.from?.value).toEqual([{ name: 'convene', address: 'convene@un.example.org' }]);
    expect(forChair.to).toMatchObject({ value: [{ name: chair.name, address: chair.email }] });
    expect(forChair.messageId).toBe(result.deliveries[0]!.messageId);
    expect(forChair.headers.get('auto-submitted')).toBe('auto-generated');
    // Exchange's out-of-office replies stay quiet for system mail (issue 15, item 9).
    expect(forChair.headers.get('x-auto-response-suppress')).toBe('OOF, AutoReply');
    // The chair is in Suva; the meeting in New York: 10:00 EDT on the 22nd is 02:00 on the 23rd in Suva.
    const when =
      'Saturday 23 September 2006, 02:00 Suva time (UTC+12) — Friday 22 September, 10:00 in New York (EDT)';
    expect(forChair.text).toContain(when);
    expect(forChair.html).toContain(when);
    expect(forChair.text).toContain(`convene — ${edition.title}`);
    expect(forChair.html).toContain(
      'You receive this message because your organization takes part in HLM 7.',
    );

    const forOrganizer = smtp.received.find((r) => r.envelopeTo.includes(organizer.email))!.mail;
    expect(forOrganizer.text).toContain('Friday 22 September 2006, 10:00 New York time (EDT)');
    expect(forOrganizer.text).not.toContain('Suva');

    const { method, event } = calendarOf(forChair);
    expect(method).toBe('REQUEST');
    expect(event.uid).toBe('hlm-7@convene');
    expect(Number(event.sequence)).toBe(0);
    expect(event.start.toISOString()).toBe(new Date(meeting.start).toISOString());
    expect(event.end?.toISOString()).toBe(new Date(meeting.end).toISOString());
    expect(event.organizer).toMatchObject({ val: 'mailto:hlm-secretariat@un.example.org' });
    expect(event.attendee).toMatchObject({
      val: `MAILTO:${chair.email}`,
      params: { CN: chair.name, RSVP: true },
    });
  });

  test('a reschedule moves the same calendar entry, and a cancellation removes it', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    await sendMessage(request('invitation', { ics: { sequence: 0 } }));
    await sendMessage(request('reschedule-notice', { ics: { sequence: 1 } }));
    await sendMessage(request('cancellation', { ics: { sequence: 2 } }));
    transport.close();

    const [invite, moved, cancelled] = smtp.received.map((r) => calendarOf(r.mail));
    expect([invite, moved, cancelled].map((c) => c?.event.uid)).toEqual([
      'hlm-7@convene',
      'hlm-7@convene',
      'hlm-7@convene',
    ]);
    expect([invite, moved, cancelled].map((c) => Number(c?.event.sequence))).toEqual([0, 1, 2]);
    expect(moved?.method).toBe('REQUEST');
    expect(moved?.event.start.toISOString()).toBe('2006-09-25T14:00:00.000Z');
    expect(cancelled?.method).toBe('CANCEL');
    expect(cancelled?.event.status).toBe('CANCELLED');
  });

  test('a rehearsal is marked in the subject, the body and the calendar entry, and has its own UID', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    await sendMessage(request('invitation', { rehearsal: true }));
    transport.close();

    const { mail } = smtp.received[0]!;
    expect(mail.subject).toBe('[REHEARSAL] HLM 7 · invitation: Seventh high-level meeting');
    expect(mail.text).toContain('REHEARSAL: this message comes from a practice run');
    expect(mail.headers.get('x-convene-rehearsal')).toBe('yes');
    expect(calendarOf(mail).event.uid).toBe('hlm-r7@convene');
  });
});

describe('failures', () => {
  test('a server that answers 421 twice and then accepts gets the message once', async () => {
    let connections = 0;
    smtp = await startLocalSmtp({
      onConnect(_session, callback) {
        connections += 1;
        callback(connections <= 2 ? smtpError(421, 'Too busy, try again later') : null);
      },
    });
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const { value, attempts } = await retryLikeTemporal(() => sendMessage(request('input-reminder')));
    transport.close();

    expect(attempts).toBe(3);
    expect(value.deliveries[0]?.status).toBe('delivered');
    expect(smtp.received).toHaveLength(1);
  });

  test('a mailbox that is busy for now (451) is retried, not reported as failed', async () => {
    let tries = 0;
    smtp = await startLocalSmtp({
      onRcptTo(_address, _session, callback) {
        tries += 1;
        callback(tries === 1 ? smtpError(451, 'Mailbox busy') : null);
      },
    });
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const { value, attempts } = await retryLikeTemporal(() => sendMessage(request('input-reminder')));
    transport.close();

    expect(attempts).toBe(2);
    expect(value.deliveries[0]?.status).toBe('delivered');
    expect(smtp.received).toHaveLength(1);
  });

  test('an address the server refuses for good (550) is reported with the reply, and the others still get the message', async () => {
    const gone = { name: 'Former chair', email: 'gone@forum.example.org', timeZone: 'Pacific/Fiji' };
    smtp = await startLocalSmtp({
      onRcptTo(address, _session, callback) {
        callback(address.address === gone.email ? smtpError(550, 'No such user here') : null);
      },
    });
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const { value, attempts } = await retryLikeTemporal(() =>
      sendMessage(request('input-reminder', { recipients: [chair, gone] })),
    );
    transport.close();

    expect(attempts).toBe(1);
    expect(value.deliveries.map((d) => [d.email, d.status])).toEqual([
      [chair.email, 'delivered'],
      [gone.email, 'rejected-permanently'],
    ]);
    expect(value.deliveries[1]?.serverReply).toMatch(/^550 No such user here/);
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([[chair.email]]);
  });

  test('when the mail server is down, the activity fails in a way Temporal retries', async () => {
    const closed = await startLocalSmtp();
    await closed.close();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: closed.url });
    const failure = await sendMessage(request('input-reminder')).catch((err: unknown) => err);
    transport.close();

    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('MailTemporaryError');
    expect((failure as Error).message).toMatch(/will be tried again/);
  });

  test('a server that accepts and drops every connection fails the send as temporary, instead of leaving it pending for ever', async () => {
    // Seen in scripts/crash-cycle.ts after an SMTP outage: the pool re-queued the message on every
    // dropped connection, the send never settled, and its sent-ledger claim was held.
    const dropping = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropping.listen(0, '127.0.0.1', resolve));
    const { port } = dropping.address() as net.AddressInfo;
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: `smtp://127.0.0.1:${port}` });
    const started = Date.now();
    const failure = await sendMessage(request('input-reminder')).catch((err: unknown) => err);
    transport.close();
    dropping.close();

    expect((failure as Error).name).toBe('MailTemporaryError');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('after an outage in which every pool slot met a refused connection, the server back gets the next message', async () => {
    // Seen in scripts/crash-cycle.ts: each refused connection kept one of the pool's slots (two
    // here) for ever, so once the server was back every send of the worker stayed pending.
    const before = await startLocalSmtp();
    const port = Number(new URL(before.url).port);
    await before.close();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: `smtp://127.0.0.1:${port}` });
    for (let i = 0; i < 2; i++) {
      const failure = await sendMessage(request('input-reminder')).catch((err: unknown) => err);
      expect((failure as Error).name).toBe('MailTemporaryError');
    }
    smtp = await startLocalSmtp({}, port);
    let timer: NodeJS.Timeout | undefined;
    const pending = new Promise(
      (resolve) => (timer = setTimeout(() => resolve('still pending after 10 s'), 10_000)),
    );
    const result = await Promise.race([sendMessage(request('input-reminder')), pending]);
    clearTimeout(timer);
    transport.close();

    expect(result).toMatchObject({ deliveries: [{ email: chair.email, status: 'delivered' }] });
    expect(smtp.received.map((r) => r.envelopeTo)).toEqual([[chair.email]]);
  });

  test('a wrong SMTP password is a configuration error that says to fix SMTP_URL, and is not retried', async () => {
    smtp = await startLocalSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'convene' && auth.password === 'right') callback(null, { user: 'convene' });
        else callback(smtpError(535, 'Authentication credentials invalid'));
      },
    });
    const { sendMessage, transport } = mailer(data.dir, {
      // The test server offers no STARTTLS: credentials in clear only because plainAuth says so.
      smtpUrl: `${smtp.url.replace('//', '//convene:wrong@')}?plainAuth=true`,
    });
    const failure = await retryLikeTemporal(() => sendMessage(request('input-reminder'))).catch(
      (err: unknown) => err,
    );
    transport.close();

    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'MailConfigurationError', nonRetryable: true });
    expect((failure as Error).message).toMatch(/refused the login.*535.*SMTP_URL.*password/s);
    expect(smtp.received).toHaveLength(0);
  });

  test('a server certificate that is not trusted is a configuration error, not an endless retry', async () => {
    // smtp-server's built-in certificate is self-signed, as a misconfigured server's would be.
    smtp = await startLocalSmtp({ secure: true });
    const { sendMessage, transport } = mailer(data.dir, {
      smtpUrl: smtp.url,
      tls: { rejectUnauthorized: true },
    });
    const failure = await retryLikeTemporal(() => sendMessage(request('input-reminder'))).catch(
      (err: unknown) => err,
    );
    transport.close();

    expect(failure).toMatchObject({ type: 'MailConfigurationError', nonRetryable: true });
    expect((failure as Error).message).toMatch(/TLS.*SMTP_URL/s);
  });

  test('a relay with a self-signed certificate is accepted when SMTP_URL says so', async () => {
    smtp = await startLocalSmtp({ secure: true });
    const { sendMessage, transport } = mailer(data.dir, {
      smtpUrl: `${smtp.url}?tls.rejectUnauthorized=false`,
    });
    const result = await sendMessage(request('input-reminder'));
    transport.close();

    expect(result.deliveries[0]?.status).toBe('delivered');
    expect(smtp.received).toHaveLength(1);
  });
});

describe('credentials never cross the wire in clear by accident', () => {
  const login = (options = {}) =>
    startLocalSmtp({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        callback(null, { user: auth.username });
      },
      ...options,
    });

  test('with a user and password on smtp://, a server that offers no STARTTLS gets no login and no mail', async () => {
    smtp = await login();
    const { sendMessage, transport } = mailer(data.dir, {
      smtpUrl: smtp.url.replace('//', '//convene:secret@'),
    });
    const failure = await retryLikeTemporal(() => sendMessage(request('input-reminder'))).catch(
      (err: unknown) => err,
    );
    transport.close();

    expect(failure).toMatchObject({ type: 'MailConfigurationError', nonRetryable: true });
    expect((failure as Error).message).toContain('SMTP_URL');
    expect(smtp.received).toHaveLength(0);
  });

  test('plainAuth=true sends them anyway, on purpose, with a warning', async () => {
    smtp = await login();
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const { sendMessage, transport } = mailer(data.dir, {
      smtpUrl: `${smtp.url.replace('//', '//convene:secret@')}?plainAuth=true`,
    });
    const result = await sendMessage(request('input-reminder'));
    transport.close();
    const warnings = emitWarning.mock.calls.map((c) => c.map(String).join(' '));
    emitWarning.mockRestore();

    expect(result.deliveries[0]?.status).toBe('delivered');
    expect(warnings.join('\n')).toMatch(/without TLS \(plainAuth=true\).*SmtpPlainAuthWarning/);
    expect(warnings.join('\n')).not.toContain('secret');
  });

  test('a password without a user name, or credentials with ignoreTLS, stop the worker with the fix', () => {
    expect(() => mailer(data.dir, { smtpUrl: 'smtp://:secret@mail.example.org:587' })).toThrow(
      'SMTP_URL has a password but no user name',
    );
    expect(() =>
      mailer(data.dir, { smtpUrl: 'smtp://u:secret@mail.example.org:587?ignoreTLS=true' }),
    ).toThrow(/credentials and ignoreTLS.*plainAuth=true/);
  });
});

test('an SMTP_URL option convene does not know stops the worker with a message that names it', () => {
  expect(() => mailer(data.dir, { smtpUrl: 'smtp://mail.example.org:587?secure=yes' })).toThrow(
    'SMTP_URL has an option "secure" that convene does not know',
  );
});

test('a password with special characters, URL-encoded in SMTP_URL, logs in', async () => {
  smtp = await startLocalSmtp({
    authOptional: false,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === 'convene@un.example.org' && auth.password === 'p@ss:w/rd')
        callback(null, { user: 'convene' });
      else callback(smtpError(535, 'Authentication credentials invalid'));
    },
  });
  const login = `${encodeURIComponent('convene@un.example.org')}:${encodeURIComponent('p@ss:w/rd')}@`;
  const { sendMessage, transport } = mailer(data.dir, {
    smtpUrl: `${smtp.url.replace('//', `//${login}`)}?plainAuth=true`,
  });
  const result = await sendMessage(request('input-reminder'));
  transport.close();

  expect(result.deliveries[0]?.status).toBe('delivered');
  expect(transport.description).not.toContain('w/rd');
});

describe('exactly once', () => {
  test('an activity retried after it crashed before returning does not send the message again', async () => {
    smtp = await startLocalSmtp();
    const first = mailer(data.dir, { smtpUrl: smtp.url });
    const lost = await first.sendMessage(request('invitation'));
    first.transport.close();
    // The worker died before reporting; a new worker (new ledger object, same folder) retries.
    const second = mailer(data.dir, { smtpUrl: smtp.url });
    const retried = await second.sendMessage(request('invitation'));
    second.transport.close();

    expect(smtp.received).toHaveLength(1);
    expect(retried.deliveries[0]).toEqual({ ...lost.deliveries[0], replayed: true });
  });

  test('after a crash between the server accepting and the ledger write, the copy sent again has the same Message-ID', async () => {
    smtp = await startLocalSmtp();
    let crashes = 1;
    const crashAfterSending = (transport: MailTransport): MailTransport => ({
      ...transport,
      async send(mail) {
        const outcome = await transport.send(mail);
        if (crashes-- > 0) throw new Error('worker lost before the ledger write');
        return outcome;
      },
    });
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url }, crashAfterSending);
    const { attempts } = await retryLikeTemporal(() => sendMessage(request('invitation')));
    transport.close();

    expect(attempts).toBe(2);
    expect(smtp.received).toHaveLength(2);
    const [a, b] = smtp.received.map((r) => r.mail.messageId);
    expect(a).toBe(b);
  });

  test('two attempts at the same message at once send it once', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const both = await Promise.allSettled([
      sendMessage(request('input-overdue')),
      sendMessage(request('input-overdue')),
    ]);
    const later = await sendMessage(request('input-overdue'));
    transport.close();

    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect((refused?.reason as Error).name).toBe('MessageInFlight');
    expect(later.deliveries[0]?.replayed).toBe(true);
    expect(smtp.received).toHaveLength(1);
  });

  test('a new version of the same message (another key) is sent', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    await sendMessage(request('input-reminder', { idempotencyKey: 'hlm-7-wg-peacekeeping:reminder:14d' }));
    await sendMessage(request('input-reminder', { idempotencyKey: 'hlm-7-wg-peacekeeping:reminder:7d' }));
    transport.close();

    expect(smtp.received).toHaveLength(2);
  });
});

describe('header injection', () => {
  test('line breaks in names and titles cannot add headers or recipients', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const evil = 'Peacekeeping\r\nBcc: spy@evil.example.org\r\n\r\n<b>body</b>';
    const message = sample('input-reminder');
    await sendMessage(
      request('input-reminder', {
        message: { ...message, data: { ...message.data, group: evil } } as typeof message,
        recipients: [{ ...chair, name: 'Ana\r\nBcc: spy@evil.example.org' }],
      }),
    );
    transport.close();

    const [{ envelopeTo, mail, raw }] = smtp.received as [(typeof smtp.received)[number]];
    expect(envelopeTo).toEqual([chair.email]);
    expect(mail.bcc).toBeUndefined();
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(mail.subject).toBe(
      'HLM 7 · Peacekeeping Bcc: spy@evil.example.org <b>body</b>: reminder, input due soon',
    );
    expect(mail.html).toContain('&lt;b&gt;body&lt;/b&gt;');
  });

  test('an address with a line break is refused before anything is sent', async () => {
    smtp = await startLocalSmtp();
    const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url });
    const failure = await sendMessage(
      request('input-reminder', {
        recipients: [{ ...chair, email: 'ana@forum.example.org\r\nBcc: spy@evil.example.org' }],
      }),
    ).catch((err: unknown) => err);
    transport.close();

    expect(failure).toMatchObject({ type: 'InvalidMailRequest', nonRetryable: true });
    expect((failure as Error).message).toMatch(/recipients\.0\.email/);
    expect(smtp.received).toHaveLength(0);
  });
});

test('the meeting zone and each recipient zone must be real time zones', async () => {
  const { sendMessage } = mailer(data.dir);
  const failure = await sendMessage(
    request('input-reminder', { meetingZone: 'Mars/Olympus', recipients: [{ ...chair, timeZone: 'Fiji' }] }),
  ).catch((err: unknown) => err);
  expect((failure as Error).message).toMatch(/meetingZone: must be an IANA time zone/);
  expect((failure as Error).message).toMatch(/recipients\.0\.timeZone/);
});
