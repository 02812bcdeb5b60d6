/** Mail through an SMTP server, over a small pool of reused connections. */
import nodemailer from 'nodemailer';
import type DKIM from 'nodemailer/lib/dkim';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import {
  MailConfigurationError,
  MailTemporaryError,
  toMailOptions,
  type MailTransport,
  type OutgoingMail,
  type SendOutcome,
} from './outgoing';
import { classifySmtpError } from './smtp-errors';
import { connectWithoutDelay } from './smtp-socket';
import { parseSmtpUrl, redact } from './smtp-url';

export interface SmtpSettings {
  smtpUrl: string;
  from: string;
  tls?: { rejectUnauthorized?: boolean };
  pool?: { maxConnections?: number };
  dkim?: DKIM.Options;
}

export function smtpTransport(settings: SmtpSettings): MailTransport {
  const connection = parseSmtpUrl(settings.smtpUrl);
  // maxRequeues is an option of the pool that its type definitions do not list yet.
  const options: SMTPPool.Options & { maxRequeues?: number } = {
    ...connection,
    pool: true,
    maxConnections: settings.pool?.maxConnections ?? 5,
    tls: { ...connection.tls, ...settings.tls },
    // Fail well within the activity's timeout, so the failure is classified, not just timed out.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // A server that accepts and drops connections (an SMTP host restarting, a proxy without its
    // backend) made the pool re-queue the message for ever, so the send never settled. After three
    // re-queues it now fails as temporary, and Temporal retries it.
    maxRequeues: 3,
    getSocket: connectWithoutDelay,
  };
  const transporter = nodemailer.createTransport(options, { from: settings.from });
  const server = redact(settings.smtpUrl);
  return {
    kind: 'smtp',
    description: `SMTP server ${server}`,
    async send(mail: OutgoingMail): Promise<SendOutcome> {
      try {
        const info = await transporter.sendMail(toMailOptions(mail, settings.dkim));
        return { status: 'delivered', serverReply: info.response };
      } catch (err) {
        return settle(err, mail.to.address, server);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (err) {
        settle(err, 'the test connection', server);
      }
    },
    close: () => transporter.close(),
  };
}

/** A permanent refusal is an outcome to report; anything else is thrown for the caller to handle. */
function settle(err: unknown, recipient: string, server: string): SendOutcome {
  const failure = classifySmtpError(err);
  switch (failure.class) {
    case 'rejected':
      return { status: 'rejected-permanently', serverReply: failure.reply };
    case 'configuration':
      throw new MailConfigurationError(
        `Mail to ${recipient} cannot be sent: ${failure.problem} (${server}: ${failure.reply}). Fix: ${failure.fix}.`,
      );
    case 'temporary':
      throw new MailTemporaryError(
        `Mail to ${recipient} was not sent: ${failure.problem} (${server}: ${failure.reply}); it will be tried again.`,
      );
  }
}
