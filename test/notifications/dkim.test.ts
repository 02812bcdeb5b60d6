/**
 * DKIM: with a domain, a selector and a key from the settings, mail arrives signed; an independent
 * verifier (mailauth) checks the signature against the public key as DNS would publish it. The DNS
 * look-up is answered by the test (no DNS server here); the signing and the SMTP hop are real.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { loadSettings } from '../../config/settings';
import { ConfigError } from '../../config/problems';
import { createTransport } from '../../notifications';
import { chair, request } from './fixtures';
import { mailer, tempDir, FROM } from './helpers';
import { startLocalSmtp, type LocalSmtp } from './local-smtp';

let data: Awaited<ReturnType<typeof tempDir>>;
let smtp: LocalSmtp;
beforeEach(async () => {
  data = await tempDir();
  smtp = await startLocalSmtp();
});
afterEach(async () => {
  await smtp.close();
  await data.remove();
});

function signingKey(): { keyFile: string; dnsRecord: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyFile = path.join(data.dir, 'dkim.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const spki = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  return { keyFile, dnsRecord: `v=DKIM1; k=rsa; p=${spki}` };
}

test('mail through SMTP is signed for un.example.org, and the signature verifies against the published key', async () => {
  const { keyFile, dnsRecord } = signingKey();
  const dkim = { domainName: 'un.example.org', keySelector: 'convene', keyFile };
  const { sendMessage, transport } = mailer(data.dir, { smtpUrl: smtp.url, dkim });
  await sendMessage(request('invitation', { recipients: [chair] }));
  transport.close();

  const raw = smtp.received[0]!.raw;
  expect(raw).toMatch(/^DKIM-Signature: .*d=un\.example\.org/m);
  const resolver = async (name: string, type: string) => {
    if (name === 'convene._domainkey.un.example.org' && type === 'TXT') return [[dnsRecord]];
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' });
  };
  const verified = await dkimVerify(Buffer.from(raw), { resolver });
  expect(verified.results.map((r) => r.status.result)).toEqual(['pass']);

  // A changed body no longer verifies: the signature covers what the chair reads.
  const tampered = raw.replace(/Seventh high-level meeting/, 'Eighth high-level meeting');
  const broken = await dkimVerify(Buffer.from(tampered), { resolver });
  expect(broken.results.map((r) => r.status.result)).not.toContain('pass');
});

test('half the DKIM settings, or a key file that is not a key, stop start-up with the fix', () => {
  expect(() => loadSettings({ MAIL_DKIM_DOMAIN: 'un.example.org' })).toThrow(ConfigError);
  try {
    loadSettings({ MAIL_DKIM_DOMAIN: 'un.example.org' });
  } catch (err) {
    expect((err as ConfigError).problems).toEqual([
      'MAIL_DKIM_SELECTOR, MAIL_DKIM_KEY_FILE: DKIM signing needs MAIL_DKIM_DOMAIN, MAIL_DKIM_SELECTOR and MAIL_DKIM_KEY_FILE together; set the missing ones or unset them all',
    ]);
  }
  const notAKey = path.join(data.dir, 'not-a-key.pem');
  writeFileSync(notAKey, 'hello');
  expect(() =>
    createTransport({
      from: FROM,
      outboxDir: data.dir,
      dkim: { domainName: 'un.example.org', keySelector: 'convene', keyFile: notAKey },
    }),
  ).toThrow(`MAIL_DKIM_KEY_FILE: ${notAKey} holds no PEM private key`);
});
