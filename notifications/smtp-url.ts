/**
 * SMTP_URL, read here rather than by nodemailer: given a `url`, nodemailer ignores every other
 * option (pool, timeouts, sockets). The query takes the options people put there with nodemailer:
 * `tls.<option>` (e.g. `?tls.rejectUnauthorized=false` for a relay with a self-signed
 * certificate), `requireTLS`, `ignoreTLS` and `name` (the EHLO name).
 */
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { MailConfigurationError } from './outgoing';

export type SmtpConnection = Pick<
  SMTPPool.Options,
  'host' | 'port' | 'secure' | 'auth' | 'tls' | 'requireTLS' | 'ignoreTLS' | 'name'
>;

const FLAGS = ['requireTLS', 'ignoreTLS'] as const;

export function parseSmtpUrl(smtpUrl: string): SmtpConnection {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new MailConfigurationError(
      'SMTP_URL is not a URL. Fix: give smtp://user:password@host:587 or smtps://host:465',
    );
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new MailConfigurationError(`SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  const secure = url.protocol === 'smtps:';
  const connection: SmtpConnection = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
  };
  const tls: Record<string, string | number | boolean> = {};
  for (const [key, raw] of url.searchParams) {
    const value =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
    if (key.startsWith('tls.')) tls[key.slice(4)] = value;
    else if ((FLAGS as readonly string[]).includes(key))
      connection[key as (typeof FLAGS)[number]] = value === true;
    else if (key === 'name') connection.name = raw;
    else {
      throw new MailConfigurationError(
        `SMTP_URL has an option "${key}" that convene does not know. Fix: use tls.<option>, requireTLS, ignoreTLS or name`,
      );
    }
  }
  if (Object.keys(tls).length) connection.tls = tls;
  return connection;
}

/** The URL without its password or options, safe for logs and error messages. */
export function redact(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : ''}${url.host}`;
  } catch {
    return 'SMTP_URL (unparseable)';
  }
}
