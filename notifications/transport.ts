/**
 * Where mail goes: an SMTP server when SMTP_URL is set, otherwise an outbox folder of `.eml` files
 * (the embedded default, which needs no mail server).
 */
import type { MailTransport } from './outgoing';
import { outboxTransport } from './outbox';
import { smtpTransport } from './smtp';

export interface TransportSettings {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  tls?: { rejectUnauthorized?: boolean };
  pool?: { maxConnections?: number };
}

export function createTransport(settings: TransportSettings): MailTransport {
  return settings.smtpUrl
    ? smtpTransport({ ...settings, smtpUrl: settings.smtpUrl })
    : outboxTransport(settings.outboxDir);
}
