/**
 * DKIM signing (RFC 6376), optional: with a domain, a selector and a private key from the settings,
 * every message is signed, so receiving servers can tell our mail from forgeries in our name.
 */
import { readFileSync } from 'node:fs';
import type DKIM from 'nodemailer/lib/dkim';
import { MailConfigurationError } from './outgoing';

export interface DkimSettings {
  domainName: string;
  keySelector: string;
  /** A PEM file holding the private key (RSA or Ed25519). */
  keyFile: string;
}

/** nodemailer's signing options, with the key read now: a missing key stops start-up, not a send. */
export function dkimSigning(settings: DkimSettings | undefined): DKIM.Options | undefined {
  if (!settings) return undefined;
  let privateKey: string;
  try {
    privateKey = readFileSync(settings.keyFile, 'utf8');
  } catch (err) {
    throw new MailConfigurationError(
      `MAIL_DKIM_KEY_FILE: cannot read ${settings.keyFile} (${(err as Error).message}); give the PEM file of the signing key, or unset the MAIL_DKIM_* settings`,
    );
  }
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(privateKey)) {
    throw new MailConfigurationError(
      `MAIL_DKIM_KEY_FILE: ${settings.keyFile} holds no PEM private key ("-----BEGIN PRIVATE KEY-----")`,
    );
  }
  return { domainName: settings.domainName, keySelector: settings.keySelector, privateKey };
}
