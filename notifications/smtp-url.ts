/**
 * SMTP_URL, read here rather than by nodemailer: given a `url`, nodemailer ignores every other
 * option (pool, timeouts, sockets). The query takes the options people put there with nodemailer:
 * `tls.<option>` (e.g. `?tls.rejectUnauthorized=false` for a relay with a self-signed
 * certificate), `requireTLS`, `ignoreTLS` and `name` (the EHLO name); and ours, `plainAuth`.
 */
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { MailConfigurationError } from './outgoing';

export type SmtpConnection = Pick<
  SMTPPool.Options,
  'host' | 'port' | 'secure' | 'auth' | 'tls' | 'requireTLS' | 'ignoreTLS' | 'name'
>;

const FLAGS = ['requireTLS', 'ignoreTLS'] as const;
/** Our own option: send credentials over a connection without TLS, knowingly (a relay on a trusted link). */
const PLAIN_AUTH = 'plainAuth';

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
  if (url.password && !url.username) {
    throw new MailConfigurationError(
      'SMTP_URL has a password but no user name. Fix: give smtp://user:password@host:587, or drop the password',
    );
  }
  const connection: SmtpConnection = {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
  };
  const tls: Record<string, string | number | boolean> = {};
  let plainAuth = false;
  for (const [key, raw] of url.searchParams) {
    const value =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && !isNaN(Number(raw)) ? Number(raw) : raw;
    if (key.startsWith('tls.')) tls[key.slice(4)] = value;
    else if ((FLAGS as readonly string[]).includes(key))
      connection[key as (typeof FLAGS)[number]] = value === true;
    else if (key === 'name') connection.name = raw;
    else if (key === PLAIN_AUTH) plainAuth = value === true;
    else {
      throw new MailConfigurationError(
        `SMTP_URL has an option "${key}" that convene does not know. Fix: use tls.<option>, requireTLS, ignoreTLS, name or plainAuth`,
      );
    }
  }
  if (Object.keys(tls).length) connection.tls = tls;
  return protectCredentials(connection, plainAuth, smtpUrl);
}

/**
 * Credentials never cross the wire in clear by accident: on smtp:// they require STARTTLS (the
 * send fails if the server does not offer it), unless `plainAuth=true` says the link is trusted,
 * which is warned about at start.
 */
function protectCredentials(connection: SmtpConnection, plainAuth: boolean, smtpUrl: string): SmtpConnection {
  if (!connection.auth || connection.secure) return connection;
  if (plainAuth) {
    process.emitWarning(
      `SMTP_URL (${redact(smtpUrl)}) sends the user name and password without TLS (plainAuth=true); use it only on a trusted link`,
      'SmtpPlainAuthWarning',
    );
    return connection;
  }
  if (connection.ignoreTLS) {
    throw new MailConfigurationError(
      'SMTP_URL has credentials and ignoreTLS: the password would cross the wire in clear. Fix: drop ignoreTLS, use smtps://, or add plainAuth=true on a trusted link',
    );
  }
  return { ...connection, requireTLS: true };
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
