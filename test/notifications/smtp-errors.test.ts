/** What each kind of SMTP failure means: retry, report the recipient, or fix the settings. */
import { classifySmtpError } from '../../notifications/smtp-errors';

const failure = (fields: { message: string; code?: string; command?: string; responseCode?: number }) =>
  Object.assign(new Error(fields.message), fields);

test.each([
  [
    'a busy server at connect (421)',
    { message: 'Invalid greeting', code: 'EPROTOCOL', command: 'CONN', responseCode: 421 },
    'temporary',
  ],
  [
    'a mailbox busy for now (451)',
    { message: 'Mailbox busy', code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451 },
    'temporary',
  ],
  [
    'a login the server cannot check now (454)',
    { message: 'Try later', code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 454 },
    'temporary',
  ],
  [
    'a refused connection',
    { message: 'connect ECONNREFUSED 127.0.0.1:25', code: 'ECONNREFUSED' },
    'temporary',
  ],
  ['a timeout', { message: 'Connection timeout', code: 'ETIMEDOUT', command: 'CONN' }, 'temporary'],
  [
    'an unknown address (550)',
    { message: 'No such user', code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 },
    'rejected',
  ],
  [
    'a message refused as spam (554)',
    { message: 'Rejected', code: 'EMESSAGE', command: 'DATA', responseCode: 554 },
    'rejected',
  ],
  [
    'a message too large for the server',
    { message: 'Message size larger than allowed 1000', code: 'EMESSAGE', command: 'MAIL FROM' },
    'rejected',
  ],
  [
    'a wrong password (535)',
    { message: 'Invalid login', code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 },
    'configuration',
  ],
  [
    'missing credentials',
    { message: 'Missing credentials for "PLAIN"', code: 'EAUTH', command: 'API' },
    'configuration',
  ],
  [
    'an untrusted certificate',
    { message: 'self-signed certificate', code: 'ESOCKET', command: 'CONN' },
    'configuration',
  ],
  [
    'a failed STARTTLS',
    { message: 'Error initiating TLS', code: 'ETLS', command: 'STARTTLS' },
    'configuration',
  ],
  [
    'a host name that cannot be looked up now (ENOTFOUND)',
    { message: 'getaddrinfo ENOTFOUND smtp.example.invalid', code: 'ENOTFOUND' },
    'temporary',
  ],
  [
    'a name server that does not answer (EAI_AGAIN)',
    { message: 'getaddrinfo EAI_AGAIN smtp.example.invalid', code: 'EAI_AGAIN' },
    'temporary',
  ],
  [
    'a refused sender (553)',
    { message: 'Sender not allowed', code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553 },
    'configuration',
  ],
  [
    'a server that refuses to talk (554 at connect)',
    { message: 'No service', code: 'EPROTOCOL', command: 'CONN', responseCode: 554 },
    'configuration',
  ],
] as const)('%s is %s', (_what, fields, expected) => {
  expect(classifySmtpError(failure(fields)).class).toBe(expected);
});

test('a configuration problem says what to fix, naming the setting', () => {
  const refusedSender = classifySmtpError(
    failure({ message: 'x', code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553 }),
  );
  expect(refusedSender.fix).toMatch(/MAIL_FROM/);
  expect(classifySmtpError(failure({ message: 'x', code: 'EAUTH' })).fix).toMatch(/SMTP_URL/);
  // Retried, and says what to check should it last.
  expect(classifySmtpError(failure({ message: 'x', code: 'ENOTFOUND' })).problem).toMatch(/SMTP_URL/);
});
