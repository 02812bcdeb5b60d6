/**
 * Where mail goes: an SMTP server when SMTP_URL is set, otherwise an outbox folder of `.eml` files
 * (the embedded default, which needs no mail server).
 */
import { dkimSigning, type DkimSettings } from './dkim';
import type { MailTransport } from './outgoing';
import { outboxTransport } from './outbox';
import { smtpTransport } from './smtp';

export interface TransportSettings {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  tls?: { rejectUnauthorized?: boolean };
  pool?: { maxConnections?: number };
  dkim?: DkimSettings;
}

export function createTransport(settings: TransportSettings): MailTransport {
  const dkim = dkimSigning(settings.dkim);
  return settings.smtpUrl
    ? smtpTransport({ ...settings, smtpUrl: settings.smtpUrl, dkim })
    : outboxTransport(settings.outboxDir, dkim);
}
