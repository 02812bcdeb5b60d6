/**
 * Message-IDs derived from the idempotency key: a message sent twice (the one case the ledger
 * cannot prevent) carries the same Message-ID both times, so mail clients show it once.
 */
import { createHash } from 'node:crypto';

/** The key of one recipient's copy: the workflow's key plus the address. */
export function deliveryKey(idempotencyKey: string, email: string): string {
  return `${idempotencyKey}\n${email.toLowerCase()}`;
}

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** `<hash@sender-domain>`; `convene.local` when the sender has no usable domain. */
export function messageIdFor(key: string, from: string): string {
  return `<${keyHash(key).slice(0, 40)}@${senderDomain(from)}>`;
}

export function senderDomain(from: string): string {
  const domain = /@([a-z0-9.-]+)>?\s*$/i.exec(from)?.[1];
  return domain && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(domain) ? domain.toLowerCase() : 'convene.local';
}
