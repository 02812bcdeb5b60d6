/**
 * What an SMTP failure means for the message: try again later, give up on this recipient, or stop
 * and ask a person to fix the settings. Reads the fields nodemailer puts on its errors.
 */

export type FailureClass = 'temporary' | 'rejected' | 'configuration';

export interface SmtpFailure {
  class: FailureClass;
  /** What went wrong, in words an operator can act on. */
  problem: string;
  /** The server's reply when there was one, else the error's message. */
  reply: string;
  /** For configuration problems: what to change. */
  fix?: string;
}

interface NodemailerError {
  message: string;
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
}

const TLS_TROUBLE = /certificate|self[- ]signed|ssl routines|wrong version number|tls|alert/i;
/** Commands where a 5xx refuses this message or recipient, not our whole set-up. */
const RECIPIENT_COMMANDS = new Set(['RCPT TO', 'DATA']);

/** Look-up failures: ENOTFOUND is what a resolver says when it cannot reach its name server too. */
const DNS_TROUBLE = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** What to change, naming the environment keys people set. */
const FIX = {
  login:
    'check the user name and password in SMTP_URL (smtp://user:password@host:port); URL-encode special characters in the password',
  tls: 'in SMTP_URL use smtps:// for port 465 or smtp:// for port 587 (STARTTLS), and make sure the server certificate is trusted (for a relay with a self-signed certificate on a trusted network, add ?tls.rejectUnauthorized=false)',
  host: 'check the host name in SMTP_URL',
  sender: 'set MAIL_FROM to an address this server lets you send from',
  server: 'check the host and port in SMTP_URL, and that the server accepts mail from this machine',
};

export function classifySmtpError(error: unknown): SmtpFailure {
  // Duck-typed: socket errors come from Node's own realm, where a test VM's `instanceof Error` fails.
  const err: NodemailerError =
    typeof error === 'object' && error !== null ? (error as NodemailerError) : { message: String(error) };
  const reply = (err.response ?? err.message).trim();
  const status = err.responseCode ?? 0;
  const configuration = (problem: string, fix: string): SmtpFailure => ({
    class: 'configuration',
    reply,
    problem,
    fix,
  });

  // A 4xx is the server's "not now", whatever the command, login included.
  if (status >= 400 && status < 500) return temporary(reply, `the mail server answered ${status}`);
  if (err.code === 'EAUTH') return configuration('the mail server refused the login', FIX.login);
  if (err.code === 'ETLS' || (err.code === 'ESOCKET' && TLS_TROUBLE.test(err.message))) {
    return configuration('the secure (TLS) connection to the mail server failed', FIX.tls);
  }
  // A name server that is down or slow answers like a name that does not exist: try again later,
  // saying what to check should it last.
  if (DNS_TROUBLE.has(err.code ?? '')) {
    return temporary(reply, `the mail server's host name could not be looked up (${err.code}); ${FIX.host}`);
  }
  if (status >= 500 && RECIPIENT_COMMANDS.has(err.command ?? '')) {
    return { class: 'rejected', reply, problem: 'the mail server refused the message for good' };
  }
  if (status >= 500 && err.command === 'MAIL FROM') {
    return configuration('the mail server refused the sender address', FIX.sender);
  }
  if (status >= 500)
    return configuration(`the mail server refused the session at ${err.command ?? 'connect'}`, FIX.server);
  // Refused by nodemailer itself (say, larger than the server allows): sending again cannot help.
  if (err.code === 'EENVELOPE' || err.code === 'EMESSAGE') {
    return { class: 'rejected', reply, problem: 'the message cannot be sent as it is' };
  }
  return temporary(
    reply,
    `the mail server could not be reached or dropped the connection (${err.code ?? 'error'})`,
  );
}

function temporary(reply: string, problem: string): SmtpFailure {
  return { class: 'temporary', reply, problem };
}
