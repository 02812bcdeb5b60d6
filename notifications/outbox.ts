/**
 * Mail as files: one `.eml` per message in the outbox folder, a complete RFC 5322 message that any
 * mail client opens. The embedded default, so nothing needs a mail server to run.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type DKIM from 'nodemailer/lib/dkim';
import MailComposer from 'nodemailer/lib/mail-composer';
import { createFileOnce } from './files';
import { toMailOptions, type MailTransport, type OutgoingMail, type SendOutcome } from './outgoing';

export function outboxTransport(outboxDir: string, dkim?: DKIM.Options): MailTransport {
  let ready: Promise<unknown> | undefined;
  return {
    kind: 'outbox',
    description: `outbox folder ${outboxDir}`,
    async send(mail: OutgoingMail): Promise<SendOutcome> {
      ready ??= fs.mkdir(outboxDir, { recursive: true });
      await ready;
      const file = path.join(outboxDir, fileName(mail));
      const eml = await new MailComposer(toMailOptions(mail, dkim)).compile().build();
      // The name comes from the Message-ID: a message written twice is found, not duplicated.
      const written = await createFileOnce(file, eml, { durable: true });
      return { status: 'delivered', serverReply: `${written ? 'written to' : 'already in'} ${file}` };
    },
    async verify() {
      await fs.mkdir(outboxDir, { recursive: true });
      await fs.access(outboxDir, fs.constants.W_OK);
    },
    close: () => undefined,
  };
}

/** `<hash>-<recipient>.eml`: unique per message, and readable when listing the folder. */
function fileName(mail: OutgoingMail): string {
  const id = /^<([0-9a-f]{1,16})/.exec(mail.messageId)?.[1] ?? 'message';
  const who = mail.to.address.replace(/[^a-z0-9.@-]/gi, '_').replace('@', '_at_');
  return `${id}-${who}.eml`;
}
