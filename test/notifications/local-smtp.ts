/** A real SMTP server on 127.0.0.1 (smtp-server), keeping what it receives for the tests to read. */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Received {
  envelopeTo: string[];
  raw: string;
  mail: ParsedMail;
}

export interface LocalSmtp {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

export function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Plain SMTP without STARTTLS unless the options say otherwise; callers add hooks to misbehave.
 * `port` 0 takes a free one; a given port brings a server back where an earlier one was.
 */
export async function startLocalSmtp(options: SMTPServerOptions = {}, port = 0): Promise<LocalSmtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(raw).then(
          (mail) => {
            received.push({ envelopeTo, raw, mail });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
    ...options,
  });
  // Clients that give up mid-handshake (the TLS tests) are reported here; they are expected.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: listening } = server.server.address() as AddressInfo;
  const scheme = options.secure ? 'smtps' : 'smtp';
  return {
    url: `${scheme}://127.0.0.1:${listening}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
