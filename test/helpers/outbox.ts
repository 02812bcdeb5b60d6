/** Reads the mail a person would have received: the `.eml` files of the outbox transport. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  file: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar?: string;
  /** The List-Id header as sent, e.g. `<hlm-7.example.org>`. */
  listId?: string;
}

export async function readOutbox(outboxDir: string): Promise<ReceivedMail[]> {
  const files = (await fs.readdir(outboxDir).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.eml'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = await simpleParser(await fs.readFile(path.join(outboxDir, file)));
      const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
      const ics = parsed.attachments.find((a) => a.contentType.startsWith('text/calendar'));
      const alternative = (parsed as { alternatives?: { contentType: string; content: Buffer }[] })
        .alternatives;
      const calendar =
        ics?.content.toString() ??
        alternative?.find((a) => a.contentType.startsWith('text/calendar'))?.content.toString();
      return {
        file,
        to,
        subject: parsed.subject ?? '',
        text: parsed.text ?? '',
        html: typeof parsed.html === 'string' ? parsed.html : '',
        calendar,
        listId: parsed.headerLines.find((h) => h.key === 'list-id')?.line.replace(/^List-Id:\s*/i, ''),
      };
    }),
  );
}

export function mailTo(mails: ReceivedMail[], email: string): ReceivedMail[] {
  return mails.filter((m) => m.to.toLowerCase().includes(email.toLowerCase()));
}
