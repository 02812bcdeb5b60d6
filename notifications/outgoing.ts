/**
 * A message ready to go, and what a transport promises to do with it. Both transports build the
 * message with nodemailer from the same options, so an `.eml` in the outbox is what SMTP would carry.
 */
import type DKIM from 'nodemailer/lib/dkim';
import type Mail from 'nodemailer/lib/mailer';
import type { CalendarPart } from './ics';
import type { DeliveryStatus } from './request';

export interface OutgoingMail {
  messageId: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  date: Date;
  headers: Record<string, string>;
  calendar?: CalendarPart;
}

export interface SendOutcome {
  status: DeliveryStatus;
  serverReply: string;
}

/**
 * `send` returns delivered or rejected-permanently; it throws MailTemporaryError when trying
 * again later may work, and MailConfigurationError when only a person changing the settings can.
 */
export interface MailTransport {
  readonly kind: 'smtp' | 'outbox';
  /** For logs: where mail goes, without the password. */
  readonly description: string;
  send(mail: OutgoingMail): Promise<SendOutcome>;
  /** Checks the connection (and login) once, e.g. at worker start. */
  verify(): Promise<void>;
  close(): void;
}

export class MailConfigurationError extends Error {
  override readonly name = 'MailConfigurationError';
}

export class MailTemporaryError extends Error {
  override readonly name = 'MailTemporaryError';
}

/** The one place a message becomes nodemailer options, shared by both transports. */
export function toMailOptions(mail: OutgoingMail, dkim?: DKIM.Options): Mail.Options {
  return {
    ...(dkim ? { dkim } : {}),
    messageId: mail.messageId,
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    date: mail.date,
    headers: mail.headers,
    icalEvent: mail.calendar && {
      method: mail.calendar.method,
      content: mail.calendar.content,
      filename: 'invite.ics',
    },
    // Our messages never attach files or URLs; refusing them closes a door for injected content.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
