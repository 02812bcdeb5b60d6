/**
 * The sign-in mail, through the same durable path as every other mail: the sent-ledger in the
 * store (so a retried request never mails twice) and the configured transport (SMTP or outbox).
 * It is not a meeting message, so it has no template of its own in notifications/.
 */
import type { Ledger } from '../notifications/ledger';
import { deliveryKey, messageIdFor } from '../notifications/message-id';
import type { MailTransport } from '../notifications/outgoing';
import { label, type Language } from './labels';
import { SIGN_IN_LINK_MINUTES } from './sign-in-links';
import { sha256 } from './tokens';

export interface SignInMailDeps {
  transport: MailTransport;
  ledger: Ledger;
  from: string;
}

export async function mailSignInLink(
  deps: SignInMailDeps,
  to: { email: string; name: string; language: Language },
  link: string,
): Promise<void> {
  // The key names the link, not the token, so the ledger holds nothing that signs anyone in.
  const idempotencyKey = `portal:sign-in:${sha256(link)}`;
  const messageId = messageIdFor(deliveryKey(idempotencyKey, to.email), deps.from);
  const t = (key: Parameters<typeof label>[1]) =>
    label(to.language, key, { email: to.email, minutes: SIGN_IN_LINK_MINUTES });
  const text = `${t('signIn.mail.body')}\n\n${link}\n\n${t('signIn.mail.ignore')}\n`;
  const html = `<p>${escapeHtml(t('signIn.mail.body'))}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p>${escapeHtml(t('signIn.mail.ignore'))}</p>`;
  await deps.ledger.once({ idempotencyKey, recipient: to.email }, async () => {
    const subject = t('signIn.mail.subject');
    const outcome = await deps.transport.send({
      messageId,
      from: deps.from,
      to: { name: to.name, address: to.email },
      subject,
      text,
      html,
      date: new Date(),
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Convene-Kind': 'portal-sign-in' },
    });
    return { messageId, subject, ...outcome };
  });
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
